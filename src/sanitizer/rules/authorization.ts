/**
 * Authorization headers and cookies: the credential after a scheme
 * (`Bearer …`, `Basic …`, `Token …`, `SSWS …`, lowercase too), after
 * `Authorization: ApiKey|Key|Digest|Client-ID …`, and the values of
 * `Cookie:`/`Set-Cookie:`/`--cookie`/`-b` pairs (attributes such as `Path`
 * stay). A plain word after a scheme is prose ("the security token included
 * in the request").
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange, isPlaceholder, looksRandom } from "./scan.ts";
import { redactGroup } from "./secret_value.ts";

const AUTH_SCHEME =
  /\b(?:Bearer|bearer|BEARER|Basic|basic|Token|token|Bot|SSWS|GenieKey|Splunk|OAuth|Negotiate)[ \t]{1,4}([A-Za-z0-9._~+\/:-]{6,4096}={0,2})(?![A-Za-z0-9=])/dg;
const AUTHORIZATION_OTHER_SCHEME =
  /Authorization["']?[ \t]{0,2}[:=][ \t]{0,2}["']?(?:ApiKey|Api-Key|Key|SSWS|Token|Digest|Client-ID)[ \t]{1,4}([^\s"',;]{6,4096})/dgi;
const COOKIE = /(?<![\w-])(?:Set-Cookie|Cookie|--cookie|-b)[ \t]{0,2}:?[ \t]{0,4}["']?/dgi;

/**
 * Redacts Authorization credentials and cookie values.
 *
 * @example A bearer token and a session cookie
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { authorizationPass } from "./authorization.ts";
 * const board = new SpanBoard("Authorization: Bearer 9fQk2LmZx81 Cookie: sid=Zx81Lm2kQ9; Path=/");
 * authorizationPass(board);
 * assert.equal(board.render().text, "Authorization: Bearer <SECRET:auth> Cookie: sid=<SECRET:auth>; Path=/");
 * ```
 */
export function authorizationPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(AUTH_SCHEME, text, (m) => {
    const [start, end] = groupRange(m, 1)!;
    if (isPlaceholder(m[1]) || /^\$/.test(m[1]) || board.hasRedaction(start, end)) return;
    // Prose ("the security token included in …", "Bearer authentication"): a plain word.
    if (/^[A-Za-z]+$/.test(m[1]) && !looksRandom(m[1])) return;
    // An option, also with its `=` (`--token-file /run/t`, `bearer --auth=<SECRET>`).
    if (/^--?[a-z][a-z-]{1,40}=?$/.test(m[1])) return;
    board.redact(start, end, "auth_header");
  });
  if (/cookie|-b /i.test(text)) eachMatch(COOKIE, text, (m) => redactCookies(board, m));
  eachMatch(AUTHORIZATION_OTHER_SCHEME, text, (m) => {
    if (!isPlaceholder(m[1]) && !/^\$/.test(m[1])) redactGroup(board, m, 1, "auth_header");
  });
}

function redactCookies(board: SpanBoard, m: RegExpExecArray): void {
  const text = board.text;
  let i = m.index + m[0].length;
  const limit = Math.min(text.length, i + 4096);
  for (let pairs = 0; pairs < 50 && i < limit; pairs++) {
    const pair = /^[ \t]*([A-Za-z0-9_.$!#%&*+^`|~-]{1,100})=("?)([^;\s"',]{1,4096})\2/.exec(
      text.slice(i, Math.min(limit, i + 4300)),
    );
    if (!pair) return;
    const start = i + pair[0].length - pair[3].length - pair[2].length;
    const attribute = /^(?:path|domain|expires|max-age|samesite|secure|httponly|version)$/i;
    const taken = board.hasRedaction(start, start + pair[3].length); // a JWT keeps its header
    if (!attribute.test(pair[1]) && !isPlaceholder(pair[3]) && pair[3].length >= 6 && !taken) {
      board.redact(start, start + pair[3].length, "auth_header");
    }
    i += pair[0].length;
    if (text[i] !== ";") return;
    i++;
  }
}
