/**
 * The retry loop around one report: each try gets at most 10 s, all tries
 * together at most 60 s; between tries an exponential backoff with jitter,
 * or exactly what `Retry-After` says on 429/503. A wait that would end past
 * the budget is not waited: the caller queues the report with that time.
 * Three tries in a row without any answer (offline, service down, black
 * hole) end the loop early: the report is queued rather than the user kept
 * waiting.
 * Waiting goes through an injected `sleep` and `now`, so tests use fake time.
 *
 * @module
 */
import type { AttemptResult, Receipt } from "./post_report.ts";
import { backoffDelay } from "./backoff.ts";

/** Limits of one delivery run. */
export interface RetryPolicy {
  perTryTimeoutMs: number;
  totalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Consecutive tries without any answer (refused, reset, DNS, timeout)
   * after which the service counts as unreachable for now: queue rather
   * than keep the user waiting offline.
   */
  maxUnreachableTries: number;
}

/** 10 s per try, 60 s in all, waits from ~0.5 s doubling up to 16 s, 3 tries without an answer. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  perTryTimeoutMs: 10_000,
  totalMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  maxUnreachableTries: 3,
};

/** How the loop ended. */
export type SendOutcome =
  | { kind: "accepted"; receipt: Receipt; attempts: number }
  | { kind: "rejected"; reason: string; httpStatus: number; attempts: number }
  | {
    kind: "failed";
    reason: string;
    attempts: number;
    /** When the service said to come back (epoch ms), if it did. */
    retryAt?: number;
    /** Set when the service rate-limited us (429/503) until then. */
    rateLimitedUntil?: number;
  };

/** A wait the loop is about to do, for a spinner. */
export interface WaitNotice {
  attempt: number;
  reason: string;
  delayMs: number;
}

/** What {@link sendWithRetries} needs. */
export interface SendWithRetriesOptions {
  /** One try, given its timeout. */
  attempt: (timeoutMs: number) => Promise<AttemptResult>;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  policy?: RetryPolicy;
  signal?: AbortSignal;
  onWait?: (notice: WaitNotice) => void;
}

/**
 * Tries until accepted, refused for good, or out of time.
 *
 * @example Two failures, then accepted, with instant fake waits
 * ```ts
 * import assert from "node:assert/strict";
 * import { sendWithRetries } from "./send_with_retries.ts";
 * let calls = 0;
 * const outcome = await sendWithRetries({
 *   attempt: () => Promise.resolve(++calls < 3
 *     ? { kind: "retry", reason: "HTTP 500" }
 *     : { kind: "accepted", receipt: { reportId: "r", caseId: "c", status: "open", trackUrl: "u" } }),
 *   now: () => 0, sleep: () => Promise.resolve(), random: () => 0.5,
 * });
 * assert(outcome.kind === "accepted" && outcome.attempts === 3);
 * ```
 */
export async function sendWithRetries(options: SendWithRetriesOptions): Promise<SendOutcome> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const deadline = options.now() + policy.totalMs;
  let attempts = 0;
  let unanswered = 0;
  let reason = "no time left to try";
  for (;;) {
    const left = deadline - options.now();
    if (left <= 0 || options.signal?.aborted) return { kind: "failed", reason, attempts };
    attempts++;
    const result = await options.attempt(Math.min(policy.perTryTimeoutMs, left));
    if (result.kind === "accepted") return { kind: "accepted", receipt: result.receipt, attempts };
    if (result.kind === "rejected") return { ...result, attempts };
    reason = result.reason;
    if (result.kind === "blocked") return { kind: "failed", reason, attempts };
    unanswered = result.unreachable ? unanswered + 1 : 0;
    if (unanswered >= policy.maxUnreachableTries) return { kind: "failed", reason, attempts };
    const delayMs = result.retryAfterMs ??
      backoffDelay(attempts, options.random, policy.baseDelayMs, policy.maxDelayMs);
    const resumeAt = options.now() + delayMs;
    if (resumeAt > deadline || options.signal?.aborted) {
      const said = result.retryAfterMs === undefined ? {} : { retryAt: resumeAt };
      const limited = result.rateLimited && said.retryAt ? { rateLimitedUntil: resumeAt } : {};
      return { kind: "failed", reason, attempts, ...said, ...limited };
    }
    options.onWait?.({ attempt: attempts, reason, delayMs });
    await options.sleep(delayMs, options.signal);
  }
}
