/**
 * When a queued report is tried again by a later run: what the service said
 * (`Retry-After`), else a backoff over runs (about 1 min, doubling, at most
 * 6 h) so an unreachable service does not slow every start.
 *
 * @module
 */
import { backoffDelay } from "../submit/backoff.ts";

/** First wait between runs. */
export const QUEUE_BASE_DELAY_MS = 60_000;
/** Longest wait between runs. */
export const QUEUE_MAX_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * The next retry time for a report after its `failedRuns`-th failed run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextQueueRetry } from "./next_retry.ts";
 * assert(nextQueueRetry(1, 0, () => 1) === 60_000);
 * assert(nextQueueRetry(1, 0, () => 1, 5_000) === 5_000);
 * ```
 */
export function nextQueueRetry(
  failedRuns: number,
  now: number,
  random: () => number,
  serviceRetryAt?: number,
): number {
  return serviceRetryAt ??
    now + backoffDelay(Math.max(1, failedRuns), random, QUEUE_BASE_DELAY_MS, QUEUE_MAX_DELAY_MS);
}
