/**
 * Small scanning helpers shared by the rule passes. Every pattern handed to
 * {@link eachMatch} must be global and have bounded repetitions only, so one
 * scan is linear in the text.
 *
 * @module
 */

import type { SensitiveCategory } from "../categories.ts";
import type { SpanBoard } from "../span_board.ts";

/**
 * Calls `onMatch` for every match of the global `pattern` in `text`, never
 * looping on an empty match.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eachMatch } from "./scan.ts";
 * const seen: string[] = [];
 * eachMatch(/\d{1,3}/g, "a1b22", (m) => seen.push(m[0]));
 * assert(seen.join() === "1,22");
 * ```
 */
export function eachMatch(
  pattern: RegExp,
  text: string,
  onMatch: (match: RegExpExecArray) => void,
): void {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[0].length === 0) pattern.lastIndex++;
    onMatch(match);
  }
}

/**
 * {@link eachMatch} for a pattern that reads the start of each match, its
 * lead, in a lookbehind as capture group 1 (flags `dg`): `(?<=(?<!\w)(\w+))@…`
 * in place of `(?<!\w)\w+@…`. The engine then searches from what follows the
 * lead instead of trying a character class at every position (about ten
 * times faster). `onMatch` gets the matches with their starts (the lead's) as
 * the plain pattern finds them, left to right without overlap: a match whose
 * lead starts inside the previous match is skipped, and the search resumes
 * after its first character. Exact when every match splits one way only
 * into lead and rest and no lead holds the start of another match's rest:
 * true when the lookbehind refuses every character a lead holds and the rest
 * starts with a character no lead holds. A pattern whose group 1 lies inside
 * its matches (no lead) and that cannot match empty is scanned as by eachMatch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eachLeadMatch } from "./scan.ts";
 * const seen: string[] = [];
 * eachLeadMatch(/(?<=(?<!\w)(\w+))@\w+/dg, "ada@b@c x@y", (m, start) => seen.push(`${start}:${m[1]}`));
 * assert.equal(seen.join(), "0:ada,8:x");
 * ```
 */
export function eachLeadMatch(
  pattern: RegExp,
  text: string,
  onMatch: (match: RegExpExecArray, start: number) => void,
): void {
  pattern.lastIndex = 0;
  let end = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.indices![1]![0];
    if (start < end) {
      pattern.lastIndex = match.index + 1;
      continue;
    }
    end = match.index + match[0].length;
    onMatch(match, start);
  }
}

/**
 * `[start, end)` of capture group `group` in a match made with the `d` flag,
 * or null when the group did not take part.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupRange } from "./scan.ts";
 * const m = /a(b)/d.exec("xab")!;
 * assert(groupRange(m, 1)?.[0] === 2);
 * ```
 */
export function groupRange(match: RegExpExecArray, group: number): [number, number] | null {
  const range = match.indices?.[group];
  return range ? [range[0], range[1]] : null;
}

/**
 * Whether `value` is a placeholder or a reference rather than a literal
 * secret: `$VAR`, `${VAR}`, `$(cmd)`, `${{ secrets.X }}`, `{{ x }}`, `<your-key>`,
 * `%VAR%`, `***`, `xxxxxxxx`, `yyy` (one letter repeated), `your_api_key`, `op://…`,
 * `arn:aws:…`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPlaceholder } from "./scan.ts";
 * assert(isPlaceholder("${{ secrets.NPM_TOKEN }}") && !isPlaceholder("s3cr3t-Pw"));
 * ```
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["'`]|["'`]$/g, "");
  if (v.length === 0) return true;
  return PLACEHOLDER_PATTERN.test(v) || REFERENCE_PATTERN.test(v);
}

const PLACEHOLDER_PATTERN = new RegExp(
  [
    String.raw`^\$[A-Za-z_][A-Za-z0-9_]{0,100}$`,
    // One letter repeated (`xxx`, `yyy`, `XXXXXXXX`): a filler, as in `--user "xxx:yyy"`.
    String.raw`^([A-Za-z])\1{2,200}$`,
    String.raw`^\$\{.{0,200}\}$`,
    String.raw`^\$\(.{0,300}\)$`,
    String.raw`^\{\{.{0,200}\}\}$`,
    String.raw`^\$env:[A-Za-z_][A-Za-z0-9_]{0,100}$`,
    String.raw`^%[A-Za-z_][A-Za-z0-9_]{0,100}%$`,
    String.raw`^<[^<>]{1,100}>$`,
    String.raw`^\[[A-Za-z _-]{1,40}\]$`,
    String.raw`^[*•x.X]{3,}$`,
    String.raw`^[*]{2,}.{0,6}$`,
    String.raw`^[A-Za-z]{1,12}[-_](?:[A-Za-z]{1,12}[-_]){0,2}(?:\.{3}|…|[xX*]{4,}|<[^<>]{1,40}>)$`,
    String.raw`^(?:your|Your|YOUR|insert|INSERT|enter|ENTER)[-_ ]?[A-Za-z_ -]{0,40}$`,
    String
      .raw`^(?:my|MY)[-_](?:api|API|secret|SECRET|token|TOKEN|key|KEY|password|PASSWORD|pass|PASS)[A-Za-z_-]{0,20}$`,
    String.raw`^[A-Za-z_-]{0,30}(?:here|HERE|_REPLACE_ME|placeholder|PLACEHOLDER)$`,
    String
      .raw`^[A-Za-z_.-]{0,40}(?:your|YOUR|Your|replace|REPLACE|Replace|placeholder|PLACEHOLDER|example|EXAMPLE|dummy|DUMMY|redacted|REDACTED)[A-Za-z_.-]{0,40}$`,
    String.raw`^\{[a-z_][a-z0-9_.]{0,40}\}$|^\{[A-Z_][A-Z0-9_.]{0,40}\}$`,
    // The name of the thing instead of its value: `account-token`, `db_password`.
    String
      .raw`^[A-Za-z]{1,12}[-_](?:token|TOKEN|password|PASSWORD|secret|SECRET|key|KEY|passwd|pwd)$`,
    String
      .raw`^(?:redacted|REDACTED|null|NULL|none|None|NONE|undefined|nil|true|false|\.\.\.|…|-|xxx|XXX|TODO|todo|CHANGEME|REPLACE_ME|<redacted>|\*\*\*)$`,
  ].join("|"),
);

const REFERENCE_PATTERN =
  /^(?:op:\/\/|vault:|arn:aws|projects\/[^/]{1,100}\/secrets\/|@Microsoft\.KeyVault|secretsmanager:|ref\+|gcp:|azurekeyvault:|sm:\/\/|process\.env\.|os\.environ|env\.|secrets\.|ENV\[|Deno\.env|System\.getenv|getenv\()/;

/**
 * Words in CamelCase or snake_case (`SalesReport`, `API_KEY_FILE`, `ABCd`). Each
 * piece is unambiguous (a letter run ends where its class ends, an upper-case
 * run before a capitalised word stops at its last capital), so a failing match
 * is linear: the former `(?:[a-z]{2,}|…)*` tried every split of every
 * lower-case run (fuzz finding `camel_case_backtracking`: 16 × `ffeyJ` took
 * 3.5 s, 40 × would never end). Same language, checked against the old
 * pattern on every string of up to 9 characters over `abAB_`.
 */
const UPPER_PIECE = String.raw`[A-Z]{2,}(?![A-Za-z])|[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]{2}(?=[a-z]{2})`;
const CAMEL_OR_SNAKE_WORDS = new RegExp(
  String.raw`^(?:[A-Z]?[a-z]{2,}(?![a-z])|${UPPER_PIECE})` +
    String.raw`(?:[_-]?(?:[A-Z][a-z]{1,}(?![a-z])|[a-z]{2,}(?![a-z])|${UPPER_PIECE}))*$`,
);

/**
 * Whether `value` mixes character classes like a generated secret does
 * (length ≥ 16 with letters and digits, or long hex/base64).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { looksRandom } from "./scan.ts";
 * assert(looksRandom("f3A9kQ2mZ8vL1xT7") && !looksRandom("production"));
 * ```
 */
export function looksRandom(value: string): boolean {
  if (value.length < 12) return false;
  const digits = /\d/.test(value);
  const lower = /[a-z]/.test(value);
  const upper = /[A-Z]/.test(value);
  if (/^[0-9a-fA-F-]{16,}$/.test(value) && digits) return true;
  // Words in CamelCase or snake_case read as names, not secrets.
  if (CAMEL_OR_SNAKE_WORDS.test(value)) return false;
  // Word-like pieces (`SalesResults-1.2`, `DOC_Vector_5_32`): a name, not a secret.
  const pieces = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  const letters = value.replace(/[^A-Za-z0-9]/g, "").length;
  if (pieces.length > 0 && pieces.length <= 6 && letters / pieces.length >= 3) return false;
  const kinds = Number(digits) + Number(lower) + Number(upper);
  return kinds >= 2 && value.length >= 16 || kinds === 3;
}

/** How many distinct found names are searched for elsewhere in one text. */
export const MAX_MENTION_SCANS = 16;

/**
 * Redacts the other whole-word mentions of a user name already found in a
 * sure context (a home path, a prompt), so it does not survive elsewhere in
 * the text. Names shorter than 4 characters are left alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { redactOtherMentions } from "./scan.ts";
 * const board = new SpanBoard("whoami: mgarcia");
 * redactOtherMentions(board, "mgarcia", "username");
 * assert(board.render().text === "whoami: <USER>");
 * ```
 */
export function redactOtherMentions(
  board: SpanBoard,
  name: string,
  category: SensitiveCategory,
): void {
  if (name.length < 4) return;
  const text = board.text;
  let at = text.indexOf(name);
  while (at !== -1) {
    const before = text[at - 1] ?? " ";
    const after = text[at + name.length] ?? " ";
    if (!/[\p{L}\p{N}_.-]/u.test(before) && !/[\p{L}\p{N}_-]/u.test(after)) {
      if (board.isFree(at, at + name.length)) board.redact(at, at + name.length, category);
    }
    at = text.indexOf(name, at + name.length);
  }
}
