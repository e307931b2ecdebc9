/**
 * Bare random tokens recognised by a mention nearby: a token of ≥ 24 letters
 * and digits within 40 characters after a secret word on the same line
 * ("token", "api key", "bearer", "signature" …; not hex, a UUID, a path or a
 * dotted name), and a 40-character AWS secret access key shape when the text
 * mentions AWS or a secret.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange, isPlaceholder, looksRandom } from "./scan.ts";

/** A long random token a few words after a secret-ish word, on the same line. */
const NEAR_SECRET_WORD =
  /(?<!<|<SECRET:)\b(?:token|secret|api[_ -]?key|apikey|password|passwd|credentials?|bearer|auth(?:orization)?|signature|passphrase)\b[^\n]{0,40}?(?<![A-Za-z0-9+\/_~.=-])([A-Za-z0-9+\/_~.-]{24,200}={0,2})(?![A-Za-z0-9+\/_~=-])/dgi;
const AWS_SECRET_SHAPE = /(?<![A-Za-z0-9+\/=])[A-Za-z0-9+\/]{40}(?![A-Za-z0-9+\/=])/g;

/**
 * Redacts random tokens after a secret word and bare AWS secret keys.
 *
 * @example A token after "api key"
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { mentionedTokenPass } from "./mentioned_tokens.ts";
 * const board = new SpanBoard("the api key we use is Zx81Lm2kQ9fPa7Rt4Wy6Ub3N");
 * mentionedTokenPass(board);
 * assert.equal(board.render().text, "the api key we use is <SECRET>");
 * ```
 */
export function mentionedTokenPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(NEAR_SECRET_WORD, text, (m) => {
    const token = m[1];
    const [start, end] = groupRange(m, 1)!;
    if (
      !board.isFree(start, end) || !looksRandom(token) || !/\d/.test(token) ||
      !/[A-Za-z]/.test(token)
    ) return;
    // Identifiers that are public by policy: hex ids and SHAs, UUIDs, paths, dotted names,
    // and references under a lower-case host (`codeberg.org/org/image`, `ghcr.io/o/r`).
    if (
      /^[0-9a-fA-F-]+$/.test(token) || /^[\/.]|\/\//.test(token) ||
      /^[\w-]+(?:\.[\w-]+){2,}$/.test(token) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//.test(token)
    ) return;
    if (isPlaceholder(token)) return;
    board.redact(start, end, "secret_env");
  });
  if (/aws|AKIA|ASIA|secret|Secret|SECRET/.test(text)) {
    eachMatch(AWS_SECRET_SHAPE, text, (m) => {
      const v = m[0];
      if (/[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v) && looksRandom(v)) {
        board.redact(m.index, m.index + 40, "aws_secret");
      }
    });
  }
}
