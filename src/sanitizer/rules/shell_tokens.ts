/**
 * A small shell-word splitter: enough to find the arguments of a command
 * (`mysql -u root -pS3cret db`). Quotes are removed from values; offsets
 * cover the raw word.
 *
 * @module
 */
import type { SensitiveCategory } from "../categories.ts";
import type { SpanBoard } from "../span_board.ts";
import { isPlaceholder } from "./scan.ts";
import { bareValueEnd } from "./value_end.ts";

/** One word: `value` is unquoted; `start`/`end` cover the raw word. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

const MAX_WORD = 1024;
/**
 * Splits `text[start, end)` into command lines (ended by a newline, `|`, `;`
 * or `&`; a backslash-newline continues the line) of words, in one linear pass. With `quotes` off, quote characters
 * are ordinary (for text where they may not pair up, like prose).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandLines } from "./shell_tokens.ts";
 * const lines = commandLines(`sshpass -p 'a b' ssh x | less`, 0, 29);
 * assert(lines[0].map((w) => w.value).join("|") === "sshpass|-p|a b|ssh|x");
 * ```
 */
export function commandLines(
  text: string,
  start: number,
  end: number,
  quotes = true,
): ShellWord[][] {
  const lines: ShellWord[][] = [];
  let line: ShellWord[] = [];
  const range = text.slice(start, end);
  const pattern = quotes ? WORD : BARE_WORD;
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(range)) !== null) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (m[1] === undefined) {
      // A backslash before a newline continues the command on the next line.
      if (quotes && m[2] === undefined) continue;
      if (line.length > 0) lines.push(line);
      line = [];
      continue;
    }
    const raw = m[1];
    line.push({
      value: raw.includes("'") || raw.includes('"')
        ? raw.replace(QUOTED, (_, single, double) => single ?? double)
        : raw,
      start: start + m.index + m[0].length - raw.length,
      end: start + m.index + m[0].length,
    });
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * One word (quoted parts allowed), or the operator that ends a command line.
 * A word is at most MAX_WORD pieces: an unbounded `(…|…)+` over a 10 MB token
 * overflowed the regex engine's backtrack stack.
 * No leading `[ \t]*`: the search itself skips blanks, and a blank run read
 * by the pattern would be read again from each of its characters (quadratic).
 */
const WORD = new RegExp(
  String
    .raw`(?:\\\r?\n|((?:[^\s|;&'"\\]|\\(?!\r?\n)|'[^'\n]{0,${MAX_WORD}}'|"[^"\n]{0,${MAX_WORD}}"|['"]){1,${MAX_WORD}})|([\n\r|;&]))`,
  "g",
);
/** The same without quote handling, for text whose quotes may not pair up. */
const BARE_WORD = new RegExp(String.raw`(?:([^\s|;&]{1,${MAX_WORD}})|[\n\r|;&])`, "g");
const QUOTED = /'([^'\n]*)'|"([^"\n]*)"/g;

/**
 * Offsets of `part` (a piece of `word.value`) in the original text, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandLines, partRange } from "./shell_tokens.ts";
 * const text = "zip -P 's3 cret' a.zip";
 * const [, , word] = commandLines(text, 0, text.length)[0];
 * assert(partRange(text, word, "s3 cret")?.[0] === 8);
 * ```
 */
export function partRange(text: string, word: ShellWord, part: string): [number, number] | null {
  if (part.length === 0) return null;
  const at = text.slice(word.start, word.end).indexOf(part);
  if (at === -1) return null;
  return [word.start + at, word.start + at + part.length];
}

/**
 * Redacts `part` of `word` as `c`, unless it is empty, a placeholder or a
 * `$` reference, or already (partly) redacted. A part that ends its word at
 * a glued `&`, `;` or `|` (`-u bob:Tr0ub4dor&3xK9!q`) runs on through it, as
 * a bare value does (`value_end.ts`): the word splitter reads a shell
 * operator there, but the value goes on.
 *
 * @example The password half of a word
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandLines, redactPart } from "./shell_tokens.ts";
 * const board = new SpanBoard("curl -u ada:Xk2pq9Ln x");
 * const [, , word] = commandLines(board.text, 0, board.text.length)[0];
 * redactPart(board, word, "Xk2pq9Ln", "password");
 * assert.equal(board.render().text, "curl -u ada:<PASSWORD> x");
 * ```
 *
 * @example A password with a glued `&`
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandLines, redactPart } from "./shell_tokens.ts";
 * const board = new SpanBoard("curl -u ada:Tr0ub&3xK9 x");
 * const [, , word] = commandLines(board.text, 0, board.text.length)[0];
 * redactPart(board, word, "Tr0ub", "password");
 * assert.equal(board.render().text, "curl -u ada:<PASSWORD> x");
 * ```
 */
export function redactPart(
  board: SpanBoard,
  word: ShellWord,
  part: string,
  c: SensitiveCategory,
): void {
  if (part.length === 0 || isPlaceholder(part) || /^\$/.test(part)) return;
  const range = partRange(board.text, word, part);
  if (range === null || board.hasRedaction(range[0], range[1])) return;
  if (range[1] === word.end) range[1] = bareValueEnd(board.text, range[1]);
  if (!board.hasRedaction(range[0], range[1])) board.redact(range[0], range[1], c);
}
