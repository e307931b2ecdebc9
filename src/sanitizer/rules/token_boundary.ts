/**
 * Where a token may start: not in the middle of a longer run of its own
 * characters, or right after a percent escape. In `next=%2Fghp_…` or
 * `token%3DeyJ…` the character before the token is the escape's last hex
 * digit, which a plain `(?<![A-Za-z0-9_])` reads as part of a longer word,
 * so a URL-encoded token went out in clear. A `%XX` escape is a boundary.
 *
 * @module
 */

/** The lookbehind source for a percent escape just before the token. */
const AFTER_ESCAPE = String.raw`(?<=%[0-9A-Fa-f]{2})`;

/**
 * Regex source for "a token starts here": not after one of `chars` (a
 * character-class body such as `A-Za-z0-9_`), or right after a `%XX` escape.
 *
 * @example A token after an escape, and one glued to a word
 * ```ts
 * import assert from "node:assert/strict";
 * import { tokenStart } from "./token_boundary.ts";
 * const token = new RegExp(`${tokenStart("A-Za-z0-9_")}tok_[a-z]{4}`);
 * assert(token.test("next=%2Ftok_abcd"));
 * assert(token.test("key tok_abcd"));
 * assert(!token.test("xtok_abcd"));
 * ```
 */
export function tokenStart(chars: string): string {
  return String.raw`(?:(?<![${chars}])|${AFTER_ESCAPE})`;
}
