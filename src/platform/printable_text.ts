/**
 * THE one gate for text that came from outside caro (the healing service's
 * answers, and files that stored them) on its way to a terminal: control
 * characters (C0, DEL, C1: escape sequences, OSC 52 clipboard writes, screen
 * clears, carriage returns that overwrite a line) and bidirectional or
 * invisible format characters (U+202E and friends, which make text read
 * differently from what it is) never reach stdout or stderr.
 *
 * @module
 */

/** Whitespace controls become one space, so words never glue together. */
const SPACING = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * C0 and C1 controls and DEL, bidi embeddings, overrides, isolates and
 * marks, and the invisible formatting characters (zero width, word joiner,
 * BOM, soft hyphen, Mongolian vowel separator, interlinear annotation,
 * Unicode tags): removed.
 */
const UNPRINTABLE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/**
 * `text` fit to print: whitespace controls (tab, newline, CR, line and
 * paragraph separators) become a space, every other control or bidi/format
 * character is removed, and lone surrogates become U+FFFD.
 *
 * @example Escape sequences and a right-to-left override lose their power
 * ```ts
 * import assert from "node:assert/strict";
 * import { printableText } from "./printable_text.ts";
 * assert.equal(printableText("fixed\u001b]52;c;ZXZpbA==\u0007 in 1.4\u001b[2J"), "fixed]52;c;ZXZpbA== in 1.4[2J");
 * assert.equal(printableText("report\u202Efdp.exe"), "reportfdp.exe");
 * assert.equal(printableText("two\nlines\r"), "two lines ");
 * ```
 */
export function printableText(text: string): string {
  return text.toWellFormed().replace(SPACING, " ").replace(UNPRINTABLE, "");
}
