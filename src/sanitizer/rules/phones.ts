/**
 * Phone pass: international numbers (`+44 20 7946 0958`, `+1-415-867-2309`)
 * and the national formats of the policy (NANP, UK, DE, FR, IN, JP). A bare
 * digit run counts only next to a word such as "phone", "call" or "SMS".
 * Dates, times, versions and ids were claimed by the keep pass first.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";

const INTERNATIONAL = /(?<![\w+])\+\d[\d() .-]{6,22}\d(?![\w]|[.-]\d)/g;
const NATIONAL = /(?<![\d+.\/:_]|[^\s\d]-)\(?\d[\d() .\/-]{7,20}\d(?![\w\/:]|[.-]\d)/g;
// The word inside a placeholder (`<PHONE>`) is no context: a second run reads it as the first did.
const PHONE_CONTEXT =
  /(?<!<)(?:phone|tel|mobile|cell|call|text|sms|whatsapp|fax|contact|number|telefon|handy|téléphone|portable|nummer|--to|--from|-to)[^\n\d]{0,20}$/i;
const NATIONAL_FORMATS: readonly RegExp[] = [
  // NANP with separators: (415) 867-2309, 415-867-2309, 415.867.2309, 1-415-867-2309.
  /^(?:1[ .-])?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$/,
  // UK: 020 7946 0958, 07700 900123, 01632 960123.
  /^0(?:\d{2} \d{4} \d{4}|\d{4} \d{6}|\d{3} \d{3} \d{4}|\d{4} \d{3} \d{3})$/,
  // DE: 030 12345678, 030/1234567, 0151 23456789, 089-1234567.
  /^0[1-9]\d{1,4}[ \/-]\d{3,4}[ -]?\d{2,5}$/,
  // FR: 01 23 45 67 89, 06.12.34.56.78.
  /^0[1-9](?:([ .-])\d{2})(?:\1\d{2}){3}$/,
  // IN: 98765 43210, 098765 43210.
  /^0?[6-9]\d{4} \d{5}$/,
  // IL and other trunk-prefix forms: 09-7625400, 03-6123456.
  /^0\d{1,2}-\d{7}$/,
  // JP: 03-1234-5678, 090-1234-5678.
  /^0\d{1,4}[- ]\d{1,4}-\d{4}$/,
  // International with the 00 prefix: 0033 1 42 68 53 00, 0044 20 7946 0958.
  /^00[1-9]\d{0,2}[ .-]\d{1,4}(?:[ .-]\d{2,4}){2,4}$/,
  // … and with one long subscriber group: 0049 30 5054952, 0044 7911 123456.
  /^00[1-9]\d{0,2}[ .-]\(?\d{1,5}\)?[ .-]\d{5,9}$/,
];
const BARE = /^(?:1?[2-9]\d{2}[2-9]\d{6}|0?[6-9]\d{9}|0\d{9,10})$/;

/**
 * Runs the phone rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { phonePass } from "./phones.ts";
 * const board = new SpanBoard("call +44 20 7946 0958 or (415) 867-2309");
 * phonePass(board);
 * assert(board.render().text === "call <PHONE> or <PHONE>");
 * ```
 */
export function phonePass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("+")) {
    eachMatch(INTERNATIONAL, text, (m) => {
      // A number ends at a doubled separator ("+1-282-843-9612 .17").
      const cut = /[ .\/-]{2}/.exec(m[0]);
      const raw = cut ? m[0].slice(0, cut.index).replace(/\D+$/, "") : m[0];
      const digits = raw.replace(/\D/g, "");
      if (digits.length < 8 || digits.length > 15) return;
      if (/\(\)|\.\d{1,2}\.|^\+\d{1,3}\.\d/.test(raw)) return;
      if (/\s\d{4}-\d{2}-\d{2}/.test(raw)) return;
      board.redact(m.index, m.index + raw.length, "phone");
    });
  }
  NATIONAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NATIONAL.exec(text)) !== null) {
    let raw = m[0];
    if (raw.startsWith("(") && !raw.includes(")")) raw = raw.slice(1);
    const start = m.index + m[0].length - raw.length;
    const before = text.slice(Math.max(0, start - 40), start);
    // The run may carry a trailing group that is not part of the number
    // ("336.988.3262 1.2"): try it whole, then without its last one or two groups.
    let candidate = raw;
    let matched = false;
    // A run glued to a placeholder (`01-01-01-<PHONE>`) is the rest of a number a first run
    // redacted inside it: not a new number, so a second run changes nothing.
    if (/^[.\/-]<[A-Za-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
      NATIONAL.lastIndex = m.index + m[0].length;
      continue;
    }
    if (/^\d{4}([ -])\d{4}\1\d{4}/.test(raw)) {
      NATIONAL.lastIndex = start + raw.length;
      continue;
    }
    // Fast reject (runs of `1 1 1 …`): two cuts cannot leave ≤ 2 one-digit groups.
    if ((raw.match(/(?<!\d)\d(?!\d)/g)?.length ?? 0) > 4 || raw.replace(/\D/g, "").length < 9) {
      NATIONAL.lastIndex = nextGroup(text, start);
      continue;
    }
    for (let cuts = 0; cuts < 3 && !matched; cuts++) {
      if (cuts > 0) {
        const last = /[ .\/-]+\d{1,6}\)?$/.exec(candidate);
        if (last === null || last.index === 0) break;
        candidate = candidate.slice(0, last.index);
      }
      matched = isNationalPhone(candidate, before) && board.isFree(start, start + candidate.length);
    }
    if (matched) {
      board.redact(start, start + candidate.length, "phone");
    } else {
      // Candidates are short (≤ 22 characters): retrying from the next
      // digit group finds a number glued to a rejected prefix, still linear.
      NATIONAL.lastIndex = nextGroup(text, start);
    }
  }
}

/** Whether the digit run `raw` (after `before`) is a national phone number. */
function isNationalPhone(raw: string, before: string): boolean {
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 9 || digits.length > (raw.startsWith("00") ? 15 : 12)) return false;
  // No phone format has more than one one-digit group.
  if ((raw.match(/(?<!\d)\d(?!\d)/g)?.length ?? 0) > 2) return false;
  const bare = raw.replace(/^\((0\d{1,4})\)/, "$1");
  return NATIONAL_FORMATS.some((format) => format.test(raw) || format.test(bare)) ||
    (BARE.test(raw) && PHONE_CONTEXT.test(before)) ||
    (/^[\d() .\/-]+$/.test(raw) && PHONE_CONTEXT.test(before) && digits.length >= 10);
}

/** Start of the digit group after the one at `start` (where to retry a scan). */
function nextGroup(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[\d(]/.test(text[i])) i++;
  while (i < text.length && /[ .\/)-]/.test(text[i])) i++;
  return Math.max(i, start + 1);
}
