/**
 * Waits between tries: exponential with "equal jitter" (half fixed, half
 * random), so retries from many installs spread out but never collapse to 0.
 *
 * @module
 */

/**
 * The wait before try `attempt + 1` after `attempt` failed tries (1-based):
 * `base·2^(attempt-1)` capped at `max`, then scaled into [½, 1] by `random`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backoffDelay } from "./backoff.ts";
 * assert(backoffDelay(1, () => 0, 1000, 16_000) === 500);
 * assert(backoffDelay(3, () => 1, 1000, 16_000) === 4000);
 * assert(backoffDelay(10, () => 1, 1000, 16_000) === 16_000);
 * ```
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs: number,
  maxMs: number,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}
