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
 * import { windowStart } from "./quota_window.ts";
 * console.assert(windowStart(3_700_000, 3_600_000) === 3_600_000);
 * ```
 */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}
