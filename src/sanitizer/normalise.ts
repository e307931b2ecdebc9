/**
 * Look-alike folding before matching: NFKC per character (a full-width `＠`
 * becomes `@`, `ｓｋ＿` becomes `sk_`), zero-width and invisible characters
 * removed (U+200B–U+200F, U+2060–U+2064, U+FEFF, U+00AD, U+180E), and the
 * yen and won signs that East-Asian code pages show for `\` read as `\`.
 * The rule passes see the folded text; {@link NormalisedText.startOf} and
 * {@link NormalisedText.endOf} map every folded unit back to the original, so
 * the output keeps the original text everywhere except the redacted spans.
 *
 * Linear: one scan for non-ASCII runs; a run that NFKC leaves unchanged and
 * that holds no invisible character is copied with an identity mapping.
 *
 * @module
 */

/** Folded text with the original range of every folded UTF-16 unit. */
export interface NormalisedText {
  text: string;
  /** Original start of the character that produced folded unit k. */
  startOf: Int32Array;
  /** Original end (exclusive) of the character that produced folded unit k. */
  endOf: Int32Array;
}

const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/;
const NON_ASCII_RUN = /[\u0080-\uFFFF]+/g;

const folds = new Map<string, string>();

/** Folds one character (a code point as a string); results are cached (bounded). */
function fold(ch: string): string {
  const cached = folds.get(ch);
  if (cached !== undefined) return cached;
  const folded = INVISIBLE.test(ch)
    ? ""
    : ch === "\u00A5" || ch === "\u20A9"
    ? "\\"
    : ch.normalize("NFKC");
  if (folds.size > 4096) folds.clear();
  folds.set(ch, folded);
  return folded;
}

/**
 * Folds `text`, or returns null when nothing changes (plain ASCII, or no
 * look-alike and no invisible character): then the caller uses `text` as is.
 *
 * @example Folding a full-width at sign and a zero-width space
 * ```ts
 * import assert from "node:assert/strict";
 * import { normaliseText } from "./normalise.ts";
 * const folded = normaliseText("ada\u200B＠example.org")!;
 * assert(folded.text === "ada@example.org");
 * assert(folded.startOf[3] === 4 && folded.endOf[3] === 5);
 * assert(normaliseText("plain ascii") === null);
 * ```
 */
export function normaliseText(text: string): NormalisedText | null {
  NON_ASCII_RUN.lastIndex = 0;
  const runs: [number, number, string][] = [];
  let m: RegExpExecArray | null;
  while ((m = NON_ASCII_RUN.exec(text)) !== null) {
    const run = m[0];
    if (!INVISIBLE.test(run) && !/[\u00A5\u20A9]/.test(run) && run.normalize("NFKC") === run) {
      continue;
    }
    const pieces: string[] = [];
    for (const ch of run) pieces.push(fold(ch));
    const folded = pieces.join("");
    if (folded !== run) runs.push([m.index, m.index + run.length, folded]);
  }
  if (runs.length === 0) return null;
  let length = text.length;
  for (const [start, end, folded] of runs) length += folded.length - (end - start);
  const startOf = new Int32Array(length);
  const endOf = new Int32Array(length);
  const parts: string[] = [];
  let cursor = 0;
  let out = 0;
  const identity = (from: number, to: number) => {
    for (let i = from; i < to; i++, out++) {
      startOf[out] = i;
      endOf[out] = i + 1;
    }
  };
  for (const [start, end] of runs) {
    parts.push(text.slice(cursor, start));
    identity(cursor, start);
    let i = start;
    while (i < end) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const folded = fold(text.slice(i, i + width));
      parts.push(folded);
      for (let k = 0; k < folded.length; k++, out++) {
        startOf[out] = i;
        endOf[out] = i + width;
      }
      i += width;
    }
    cursor = end;
  }
  parts.push(text.slice(cursor));
  identity(cursor, text.length);
  return { text: parts.join(""), startOf, endOf };
}
