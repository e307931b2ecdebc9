/**
 * Card pass: Luhn-valid payment card numbers with a known issuer prefix
 * (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay), plain, spaced
 * or dashed with consistent separators. Non-Luhn 16-digit ids are kept.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";

const CANDIDATE = /(?<![\w.,-])\d(?:[ -]?\d){11,18}(?![\w-]|[.,]\d)/g;

/**
 * Whether `digits` passes the Luhn check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { luhnValid } from "./cards.ts";
 * assert(luhnValid("4111111111111111") && !luhnValid("4111111111111112"));
 * ```
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Whether `digits` starts like a card of a known network and has its length.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hasCardPrefix } from "./cards.ts";
 * assert(hasCardPrefix("378282246310005") && !hasCardPrefix("1234567890123456"));
 * ```
 */
export function hasCardPrefix(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499) || (p6 >= 622126 && p6 <= 622925)) {
    return n >= 16 && n <= 19;
  }
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059)) return n >= 14 && n <= 19;
  if (p2 === 62) return n >= 16 && n <= 19;
  // Maestro and Dankort (50, 56–69), Mir (2200–2204), RuPay (60, 81, 82), Troy, UATP.
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 && n <= 19;
  if (p2 === 81 || p2 === 82 || p4 === 9792) return n === 16;
  if (digits[0] === "1") return n === 15;
  return false;
}

/**
 * Runs the card rule over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { cardPass } from "./cards.ts";
 * const board = new SpanBoard("card 4111 1111 1111 1111 id 1234567890123456");
 * cardPass(board);
 * assert(board.render().text === "card <CARD> id 1234567890123456");
 * ```
 */
export function cardPass(board: SpanBoard): void {
  eachMatch(CANDIDATE, board.text, (m) => {
    // Digit groups with their offsets; a card may start at any group
    // ("order 12 4111 1111 1111 1111"), in a plain run or a card grouping.
    const groups: { start: number; end: number }[] = [];
    eachMatch(/\d+/g, m[0], (g) => {
      groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length });
    });
    const size = (k: number) => groups[k].end - groups[k].start;
    for (let i = 0; i < groups.length; i++) {
      const layouts = size(i) >= 13 ? [[size(i)]] : size(i) === 4 ? CARD_LAYOUTS : [];
      for (const layout of layouts) {
        const j = i + layout.length - 1;
        if (j >= groups.length || !layout.every((n, k) => size(i + k) === n)) continue;
        const raw = board.text.slice(groups[i].start, groups[j].end);
        if (isCard(raw)) {
          board.redact(groups[i].start, groups[j].end, "credit_card");
          i = j;
          break;
        }
      }
    }
  });
}

/** How card numbers are grouped when printed with separators. */
const CARD_LAYOUTS = [
  [4, 4, 4, 4, 3],
  [4, 4, 4, 4],
  [4, 6, 5],
  [4, 6, 4],
  [4, 4, 4, 3],
  [4, 4, 5],
  [4, 4, 4, 1],
];

function isCard(raw: string): boolean {
  const digits = raw.replace(/[ -]/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  const separators = raw.match(/[ -]/g) ?? [];
  if (separators.length > 0 && new Set(separators).size > 1) return false;
  return hasCardPrefix(digits) && luhnValid(digits);
}
