/**
 * Reading the value after a secret name (`API_KEY=…`, `"token": "…"`,
 * `--password …`): quoted, in ODBC braces, a `${…}`/`$(…)`/`<…>` reference,
 * or bare up to a delimiter (`value_end.ts`: a glued `&`, `;`, `|` or `,` is
 * part of the value, one before a blank or a `name=` parameter ends it; the
 * rest of the line for YAML-style `key: value`),
 * and redacting it when it looks secret. Shared by the context rules.
 *
 * @module
 */
import type { SensitiveCategory } from "../categories.ts";
import type { SpanBoard } from "../span_board.ts";
import { groupRange, isPlaceholder } from "./scan.ts";
import { isSecretValue, type SecretKind } from "./secret_names.ts";
import { bareValueEnd } from "./value_end.ts";

/** An Authorization scheme word: the credential after it is the authorization rule's. */
const AUTH_SCHEME_WORD =
  /^(?:Bearer|Basic|Token|token|Bot|SSWS|GenieKey|ApiKey|Splunk|OAuth|Negotiate|Digest|bearer)$/;

/**
 * The text of the current line before `index` (at most 200 characters).
 *
 * @example The line so far
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineBefore } from "./secret_value.ts";
 * assert.equal(lineBefore("cd /\nmysql --password db", 15), "mysql --pa");
 * ```
 */
export function lineBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 200), index);
  return window.slice(window.lastIndexOf("\n") + 1);
}

/**
 * Redacts capture group `group` of `m` as `c`, unless it is a placeholder.
 *
 * @example A group, and a placeholder left alone
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { redactGroup } from "./secret_value.ts";
 * const board = new SpanBoard("pw=Xk2pq9Ln pw=$PW");
 * for (const m of board.text.matchAll(/pw=(\S+)/dg)) redactGroup(board, m, 1, "password");
 * assert.equal(board.render().text, "pw=<PASSWORD> pw=$PW");
 * ```
 */
export function redactGroup(
  board: SpanBoard,
  m: RegExpExecArray,
  group: number,
  c: SensitiveCategory,
): void {
  if (isPlaceholder(m[group])) return;
  board.redact(...groupRange(m, group)!, c);
}

/**
 * Reads the value that starts at `at` (quoted or bare) and redacts it if
 * secret; returns the range read, or null when there is no value.
 *
 * @example A quoted value, then a placeholder kept
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { redactValue } from "./secret_value.ts";
 * const board = new SpanBoard('API_KEY="k9Xq2LmP7vR4" TOKEN=${TOKEN}');
 * assert.deepEqual(redactValue(board, 9, "secret", "secret_env", false), [9, 21]);
 * redactValue(board, 29, "secret", "secret_env", false);
 * assert.equal(board.render().text, 'API_KEY="<SECRET>" TOKEN=${TOKEN}');
 * ```
 */
export function redactValue(
  board: SpanBoard,
  at: number,
  kind: SecretKind,
  category: SensitiveCategory,
  restOfLine: boolean,
): [number, number] | null {
  const range = readValue(board.text, at, restOfLine);
  if (range === null) return null;
  let [start, end] = range;
  let value = board.text.slice(start, end);
  // The scheme of an Authorization value: AUTH_SCHEME takes the credential.
  if (AUTH_SCHEME_WORD.test(value) && /^[ \t]+\S/.test(board.text.slice(end, end + 2))) {
    return range;
  }
  // A vendor token or JWT inside the value is already labelled by its format.
  if (board.hasRedaction(start, end)) return range;
  if (/^pass:/.test(value)) {
    start += 5;
    value = value.slice(5);
  }
  if (!isSecretValue(value, kind)) {
    if (isPlaceholder(value)) board.keep(start, end);
    return range;
  }
  board.redact(start, end, category);
  return range;
}

/**
 * The value starting at `at`: inside quotes when quoted, else up to a
 * delimiter (or the end of the line for YAML-style `key: value`).
 */
function readValue(text: string, at: number, restOfLine: boolean): [number, number] | null {
  // A string literal's prefix: Objective-C `@"…"`, C++ `L"…"`/`u8"…"`, Python `r"…"`/`b"…"`.
  const prefix = /^(?:@|L|u8|u|U|r|b|R)(?=["'])/.exec(text.slice(at, at + 3));
  let i = prefix ? at + prefix[0].length : at;
  const q = text[i];
  if (q === '"' || q === "'" || q === "`") {
    let j = i + 1;
    const limit = Math.min(text.length, i + 4096);
    while (j < limit && text[j] !== q && text[j] !== "\n") {
      j += text[j] === "\\" && q === '"' ? 2 : 1;
    }
    if (j < limit && text[j] === q) return j > i + 1 ? [i + 1, j] : null;
    i++;
  }
  if (text[i] === "{" && !text.startsWith("{{", i)) {
    // ODBC braces: PWD={p@ss;word}
    const close = text.slice(i, i + 300).indexOf("}");
    if (close > 1) return [i + 1, i + close];
  }
  if (text.startsWith("${", i) || text.startsWith("$(", i) || text[i] === "<") {
    const closer = text[i] === "<" ? ">" : text[i + 1] === "{" ? "}" : ")";
    const close = text.slice(i, i + 300).indexOf(closer);
    if (close !== -1) return [i, i + close + 1];
  }
  let j = i;
  const limit = Math.min(text.length, i + 1024);
  if (restOfLine) {
    while (
      j < limit && text[j] !== "\n" && text[j] !== "\r" && !(text[j] === "#" && text[j - 1] === " ")
    ) j++;
    while (j > i && /[\s,]/.test(text[j - 1])) j--;
  } else {
    // Up to a blank, a quote, a bracket or a separator that separates
    // (`value_end.ts`: `Tr0ub4dor&3xK9!q` is one value, `abc&user=x` is not).
    j = bareValueEnd(text, i);
    // `apikey = m{{h}o)p$…`: a closer that closes nothing opened before the
    // value on this line belongs to the value; read on to the next blank.
    if (j < limit && /[)\]}>]/.test(text[j]) && j > i && !openedBefore(text, at, text[j])) {
      j = bareValueEnd(text, j, true);
    }
  }
  return j > i ? [i, j] : null;
}

/** Whether the line before `at` (≤ 200 characters) leaves a `closer`'s opener open. */
function openedBefore(text: string, at: number, closer: string): boolean {
  const opener = ({ ")": "(", "]": "[", "}": "{", ">": "<" } as Record<string, string>)[closer];
  const line = lineBefore(text, at);
  let depth = 0;
  for (const c of line) {
    if (c === opener) depth++;
    else if (c === closer && depth > 0) depth--;
  }
  return depth > 0;
}
