/**
 * Fixed quota windows: a counter belongs to the window its time falls in.
 *
 * @module
 */

/**
 * The start of the fixed window `now` falls in.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowStart } from "./quota_window.ts";
 * assert(windowStart(3_700_000, 3_600_000) === 3_600_000);
 * ```
 */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}
