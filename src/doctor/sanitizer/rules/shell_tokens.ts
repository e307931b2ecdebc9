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
const MAX_LINE = 2048;

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
  let i = from;
  const limit = Math.min(text.length, from + MAX_LINE);
  while (words.length < MAX_WORDS && i < limit) {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    const c = text[i];
    if (c === undefined || c === "\n" || c === "\r" || c === "|" || c === ";" || c === "&") break;
    const start = i;
    let value = "";
    while (i < limit && i - start < MAX_WORD && !/[\s|;&]/.test(text[i])) {
      const q = text[i];
      if (q === "'" || q === '"') {
        const close = text.indexOf(q, i + 1);
        const newline = text.indexOf("\n", i + 1);
        if (close !== -1 && close - i <= MAX_WORD && (newline === -1 || close < newline)) {
          value += text.slice(i + 1, close);
          i = close + 1;
          continue;
        }
      }
      value += q;
      i++;
    }
    words.push({ value, start, end: i });
  }
  return words;
}

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
  const at = text.indexOf(part, word.start);
  if (at === -1 || at + part.length > word.end) return null;
  return [at, at + part.length];
}
