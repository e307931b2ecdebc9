/**
 * Protect pass: runs first, before any guess-based redaction, and claims the
 * innocent shapes a maintainer needs that the context rules would otherwise
 * read as secrets: placeholders (`<user:password>`, `[PASSWORD]`, `***`,
 * `*password*`, vendor prefixes with an elided or low-entropy body such as
 * `ghp_xxxxxxxx` or `AIzaaaaaaaa…`), artifact coordinates
 * (`io.jsonwebtoken:jjwt-api:0.11.2`, `jjwt-jackson-0.11.2`), SSH and TLS
 * algorithm names (`chacha20-poly1305@openssh.com`, `ssh-rsa`), and dates,
 * also URL-encoded ones inside a query (`se=2015-04-30T02%3A23%3A26Z`), and
 * the header a first run leaves before `<SECRET:jwt>` (sanitizing twice
 * changes nothing more).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachLeadMatch, eachMatch } from "./scan.ts";

/** Angle and square bracket placeholders; no `@` (a mail address) and no `=` (a tag). */
const BRACKETED = [
  /<[A-Za-z][A-Za-z0-9_ :|-]{0,60}>/g,
  /\[(?=[A-Z_ ]{2,40}\])[A-Z][A-Z_ ]{1,39}\]/g,
  /(?<![\w*])\*{1,3}[A-Za-z_]{2,30}\*{1,3}(?![\w*])/g,
  /\*{3,200}/g,
  /(?<![\w.+-])(?:[xX]{3,64}|\*{3,64})(?=@)/g,
];
/** One word that may be a vendor-prefixed token; checked for low entropy. */
const TOKEN = /(?<![A-Za-z0-9_~.+\/-])[A-Za-z0-9][A-Za-z0-9_~.-]{7,199}(?![A-Za-z0-9_~+\/])/g;
/**
 * Shapes read in a lookbehind up to their first separator (`eachLeadMatch`):
 * `group:artifact:version` and `artifact-1.2.3` (Maven, Gradle, jars),
 * SSH/TLS algorithm names (some look like mail addresses: `…@openssh.com`),
 * and ISO dates and times, plain or URL-encoded.
 */
const LEAD_SHAPES = [
  /(?<=(?<![\w.-])([a-z][a-z0-9_-]{0,60}(?:\.[a-z][a-z0-9_-]{0,60}){1,8})):[A-Za-z][\w.-]{0,80}(?::[a-z]{2,10})?:v?\d{1,5}(?:\.[\w-]{1,20}){0,5}(?::[a-z]{2,12})?(?![\w])/dg,
  /(?<=(?<![\w.\/-])([a-z][a-z0-9]{1,40}(?:-[a-z][a-z0-9]{0,40}){1,5}))-\d{1,5}\.\d{1,6}(?:\.\d{1,6}){0,2}(?:[.-][A-Za-z0-9]{1,20})?(?![\w-])/dg,
  /(?<=(?<![\w.-])(ssh|ecdsa|rsa|hmac|aes\d{3}|chacha20|curve25519|diffie|mlkem\d{3}|sntrup\d{3}|umac|rijndael|blowfish|3des|arcfour\d{0,3}|ecdh|kex|ext))(?:-[a-z0-9]{1,20}){1,6}(?:@(?:openssh\.com|libssh\.org))?(?![\w-])/dg,
  /(?<=(?<![\w.-])([a-z][a-z0-9]{0,30}(?:-[a-z0-9]{1,20}){1,6}))@(?:openssh\.com|libssh\.org)(?![\w-])/dg,
  /(?<=(?<![\w])(\d{4}))-\d{2}-\d{2}(?:T\d{2}(?::|%3A)\d{2}(?:(?::|%3A)\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::|%3A)?\d{2})?)?(?![\w])/dgi,
];
/**
 * The header of a JWT whose payload and signature a first run redacted
 * (`eyJhbGciOiJIUzI1NiJ9.<SECRET:jwt>`): kept, as the first run kept it, so a
 * second run changes nothing.
 */
const KEPT_JWT_HEADER = /(?<![\w-])eyJ[A-Za-z0-9_-]{2,400}\.(?=<SECRET:jwt>)/gi;
/** RFC 1123 dates in headers. */
const HTTP_DATE =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT\b/g;

/**
 * Whether `token` is a placeholder by its shape: mostly one filler character
 * (`x`, `X`, `*`, or beside letters any one character, as in `AIzaaaaa…`).
 * Ascending runs (`0123456789`) are not enough: hand-made test keys have them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLowEntropyPlaceholder } from "./protect.ts";
 * assert(isLowEntropyPlaceholder("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
 * assert(!isLowEntropyPlaceholder("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"));
 * ```
 */
export function isLowEntropyPlaceholder(token: string): boolean {
  if (token.length < 8) return false;
  // Beside letters any one repeated character fills a placeholder (`AIzaaaaa…`);
  // all-digit runs are numbers (test cards): only `*` fills them. A filler
  // holding 55 % of the token is its majority character, so one vote finds it.
  let filler = "*";
  if (/[A-Za-z]/.test(token)) {
    let votes = 0;
    for (const c of token) {
      if (votes === 0) filler = c;
      votes += c === filler ? 1 : -1;
    }
  }
  let count = 0;
  for (const c of token) if (c === filler) count++;
  return count >= 6 && count >= token.length * 0.55;
}

/**
 * Runs the protect rules over `board` (before every redaction pass).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { protectPass } from "./protect.ts";
 * const board = new SpanBoard("curl -u <user:password> x");
 * protectPass(board);
 * assert(!board.redact(14, 22, "password"));
 * ```
 */
export function protectPass(board: SpanBoard): void {
  const text = board.text;
  const keep = (m: RegExpExecArray, start = m.index) => board.keep(start, m.index + m[0].length);
  if (/[<\[*@]/.test(text)) { for (const pattern of BRACKETED) eachMatch(pattern, text, keep); }
  if (/<SECRET:jwt>/i.test(text)) eachMatch(KEPT_JWT_HEADER, text, keep);
  eachMatch(TOKEN, text, (m) => {
    if (isLowEntropyPlaceholder(m[0])) keep(m);
  });
  if (text.includes(":") || text.includes("-")) {
    for (const pattern of LEAD_SHAPES) eachLeadMatch(pattern, text, keep);
  }
  eachMatch(HTTP_DATE, text, keep);
}
