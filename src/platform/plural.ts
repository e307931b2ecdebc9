/**
 * Counted nouns in English: "1 report", "2 reports", "1 failure".
 *
 * @module
 */

/**
 * `count` and the noun in its number: `plural` defaults to the noun + "s".
 *
 * @example One and many
 * ```ts
 * import assert from "node:assert/strict";
 * import { counted } from "./plural.ts";
 * assert.equal(counted(1, "failure"), "1 failure");
 * assert.equal(counted(0, "warning"), "0 warnings");
 * assert.equal(counted(2, "notice"), "2 notices");
 * assert.equal(counted(2, "is", "are"), "2 are");
 * ```
 */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
