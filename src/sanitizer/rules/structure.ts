/**
 * Structure pass: values recognised by their shape whatever they contain.
 * PEM private-key bodies (raw, `\n`-escaped or double-escaped; the BEGIN and
 * END lines stay), bare OpenSSH key bodies, JWTs (the header stays), and the
 * userinfo of URLs (`scheme://user:pass@host`: the password always, the user
 * when it is personal).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachLeadMatch, eachMatch, groupRange, isPlaceholder } from "./scan.ts";
import { isServiceAccount } from "./accounts.ts";
import { tokenStart } from "./token_boundary.ts";

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = "-----END ";
const PEM_HEADER = /^(?:Proc-Type|DEK-Info|Comment):[^\n\\]{0,200}(?:\r?\n|\\n)(?:\r?\n|\\n)?/;
const MAX_PEM = 20_000;
/** A run of body characters: base64, whitespace, PEM headers, escaped newlines. */
const BODY_CHAR = /[A-Za-z0-9+/=\s\\:,.-]/;
const OPENSSH_BODY = new RegExp(
  `${tokenStart("A-Za-z0-9+/")}b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{20,8000}`,
  "g",
);
const PUTTY_LINES =
  /Private-Lines: \d{1,4}(?:\r?\n|\\n)((?:[A-Za-z0-9+/=]{1,80}(?:\r?\n|\\n)){1,100})/dg;
/** A JWT; it may start right after a `%XX` escape (`token%3DeyJ…`, `token_boundary.ts`). */
const JWT = new RegExp(
  String.raw`${
    tokenStart("A-Za-z0-9_-")
  }eyJ[A-Za-z0-9_-]{4,2000}\.(eyJ[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{0,2000})(?![A-Za-z0-9_-])`,
  "dg",
);
/** Scheme (read in a lookbehind, see `eachLeadMatch`) and userinfo of a URL. */
const URL_USERINFO =
  /(?<=(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30})):\/\/([^\s/?#"'<>`:@]{0,128}(?::[^\s/"'<>`]{1,256})?|[^\s/?#"'<>`]{1,256})@/dg;

/**
 * Runs the structure rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { structurePass } from "./structure.ts";
 * const board = new SpanBoard("redis://:Tr0ub4dor3x@cache.example.com:6379");
 * structurePass(board);
 * assert(board.render().text === "redis://:<PASSWORD>@cache.example.com:6379");
 * ```
 */
export function structurePass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("PRIVATE KEY")) redactPemBodies(board);
  if (text.includes("b3BlbnNzaC1rZXktdjE")) {
    eachMatch(
      OPENSSH_BODY,
      text,
      (m) => board.redact(m.index, m.index + m[0].length, "private_key"),
    );
  }
  if (text.includes("Private-Lines:")) {
    eachMatch(PUTTY_LINES, text, (m) => {
      board.redact(...groupRange(m, 1)!, "private_key");
    });
  }
  if (text.includes("eyJ")) {
    eachMatch(JWT, text, (m) => board.redact(...groupRange(m, 1)!, "jwt"));
  }
  if (text.includes("://")) eachLeadMatch(URL_USERINFO, text, (m) => redactUserinfo(board, m));
}

function redactPemBodies(board: SpanBoard): void {
  const text = board.text;
  let endMarker = -1;
  // Where the last run of body characters read ended: a run several markers
  // share (a truncated key, markers without END) is read once.
  let bodyEnd = 0;
  eachMatch(PEM_BEGIN, text, (m) => {
    if (board.isRedacted(m.index)) return;
    let start = m.index + m[0].length;
    const limit = Math.min(text.length, start + MAX_PEM);
    // Markers come in text order, so the next END is searched once per gap.
    if (endMarker !== Infinity && endMarker < start) {
      endMarker = text.indexOf(PEM_END, start);
      if (endMarker === -1) endMarker = Infinity;
    }
    let end = endMarker !== -1 && endMarker < limit ? endMarker : start;
    if (end === start) {
      // Truncated key: take the run of body characters.
      end = Math.max(start, Math.min(bodyEnd, limit));
      while (end < limit && BODY_CHAR.test(text[end])) end++;
      bodyEnd = end;
    }
    // Leave the separators around the body (newlines, escaped newlines, quotes).
    while (start < end && /[\s\\n"]/.test(text[start]) && !/[A-Za-z0-9+/]/.test(text[start])) {
      start++;
    }
    while (start < end && (text[start] === "n" && text[start - 1] === "\\")) start++;
    // Encrypted PEM headers (`Proc-Type:`, `DEK-Info:`) are not key material: they stay.
    for (let header = PEM_HEADER.exec(text.slice(start, start + 300)); header !== null;) {
      start += header[0].length;
      header = PEM_HEADER.exec(text.slice(start, start + 300));
    }
    while (end > start && /[\s\\"]/.test(text[end - 1])) end--;
    while (end > start && text[end - 1] === "n" && text[end - 2] === "\\") end -= 2;
    while (end > start && /[\s\\]/.test(text[end - 1])) end--;
    if (end > start) board.redact(start, end, "private_key");
  });
}

function redactUserinfo(board: SpanBoard, m: RegExpExecArray): void {
  const [start, end] = groupRange(m, 2)!;
  const userinfo = m[2];
  const colon = userinfo.indexOf(":");
  if (colon === -1) {
    // A lone token as the user (`https://ghp_…@github.com`) is a credential.
    if (/^[A-Za-z0-9_.~%-]{20,}$/.test(userinfo) && /\d/.test(userinfo)) {
      board.redact(start, end, "url_credential");
    } else if (!isPlaceholder(userinfo) && !isServiceAccount(decodeUserinfo(userinfo))) {
      board.redact(start, end, "username");
    }
    return;
  }
  const user = userinfo.slice(0, colon);
  const password = userinfo.slice(colon + 1);
  if (password.length > 0 && !isPlaceholder(password)) {
    board.redact(start + colon + 1, end, "url_credential");
  } else if (password.length > 0) {
    board.keep(start + colon + 1, end);
  }
  if (user.length > 0 && !isPlaceholder(user) && !isServiceAccount(decodeUserinfo(user))) {
    board.redact(start, start + colon, "username");
  }
}

function decodeUserinfo(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
