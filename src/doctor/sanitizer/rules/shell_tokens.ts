/**
 * A small, bounded shell-word splitter: enough to find the arguments of a
 * command in a line (`mysql -u root -pS3cret db`). It stops at a newline, a
 * pipe, `;`, `&` or after 40 words.
 *
 * @module
 */

/** One word: `value` is unquoted; `start`/`end` cover the raw word. */
export interface ShellWord {
  value: string;
  start: number;
  end: number;
}

const MAX_WORDS = 40;
const MAX_WORD = 1024;
const MAX_LINE = 800;

/**
 * Splits the command line that starts at `from` into words.
 *
 * @example
 * ```ts
 * import { shellWords } from "./shell_tokens.ts";
 * const words = shellWords(`sshpass -p 'a b' ssh x | less`, 0);
 * console.assert(words.map((w) => w.value).join("|") === "sshpass|-p|a b|ssh|x");
 * ```
 */
export function shellWords(text: string, from: number): ShellWord[] {
  const words: ShellWord[] = [];
  const limit = Math.min(text.length, from + MAX_LINE);
  const line = text.slice(from, limit);
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (words.length < MAX_WORDS && (m = WORD.exec(line)) !== null) {
    if (m[1] === undefined) break; // a newline, pipe, `;` or `&` ends the command
    const raw = m[1];
    words.push({
      value: raw.replace(QUOTED, (_, single, double) => single ?? double),
      start: from + m.index + m[0].length - raw.length,
      end: from + m.index + m[0].length,
    });
  }
  return words;
}

/** One word (quoted parts allowed), or the operator that ends the command. */
const WORD = new RegExp(
  String.raw`[ 	]*(?:((?:[^\s|;&'"]|'[^'
]{0,${MAX_WORD}}'|"[^"
]{0,${MAX_WORD}}"|['"])+)|[
|;&])`,
  "g",
);
const QUOTED = /'([^'\n]*)'|"([^"\n]*)"/g;

/**
 * Offsets of `part` (a piece of `word.value`) in the original text, or null.
 *
 * @example
 * ```ts
 * import { partRange, shellWords } from "./shell_tokens.ts";
 * const text = "zip -P 's3 cret' a.zip";
 * const [, , word] = shellWords(text, 0);
 * console.assert(partRange(text, word, "s3 cret")?.[0] === 8);
 * ```
 */
export function partRange(text: string, word: ShellWord, part: string): [number, number] | null {
  if (part.length === 0) return null;
  const at = text.slice(word.start, word.end).indexOf(part);
  if (at === -1) return null;
  return [word.start + at, word.start + at + part.length];
}
