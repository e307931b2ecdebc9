/**
 * The retry loop around one report while the user waits: at most two quick
 * tries within a budget of seconds (the report is already in the queue, so
 * giving up early loses nothing: later runs' background flush and
 * `caro queue flush` carry on with the queue's own backoff). Between the
 * tries a short backoff with jitter, or exactly what `Retry-After` says on
 * 429/503 when that fits. A wait that would end past the budget is not
 * waited: the caller keeps the report queued with that time.
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
  /** Tries in all. */
  maxTries: number;
}

/**
 * While the user waits: 2 tries, each at most 1.5 s, 2.5 s in all, a wait
 * of 125–250 ms between them (the rest of the 3 s foreground budget is for
 * the known-case question and the files).
 */
export const FOREGROUND_RETRY_POLICY: RetryPolicy = {
  perTryTimeoutMs: 1_500,
  totalMs: 2_500,
  baseDelayMs: 250,
  maxDelayMs: 500,
  maxUnreachableTries: 2,
  maxTries: 2,
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
 * @example One failure, then accepted, with instant fake waits
 * ```ts
 * import assert from "node:assert/strict";
 * import { sendWithRetries } from "./send_with_retries.ts";
 * let calls = 0;
 * const outcome = await sendWithRetries({
 *   attempt: () => Promise.resolve(++calls < 2
 *     ? { kind: "retry", reason: "HTTP 500" }
 *     : { kind: "accepted", receipt: { reportId: "r", caseId: "c", status: "open", trackUrl: "u" } }),
 *   now: () => 0, sleep: () => Promise.resolve(), random: () => 0.5,
 * });
 * assert(outcome.kind === "accepted" && outcome.attempts === 2);
 * ```
 */
export async function sendWithRetries(options: SendWithRetriesOptions): Promise<SendOutcome> {
  const policy = options.policy ?? FOREGROUND_RETRY_POLICY;
  const deadline = options.now() + policy.totalMs;
  let attempts = 0;
  let unanswered = 0;
  let reason = "no time left to try";
  for (;;) {
    const left = deadline - options.now();
    if (left <= 0 || options.signal?.aborted) {
      // Stopped before any try: a string reason the signal was aborted with says why.
      const stopped = attempts === 0 && typeof options.signal?.reason === "string";
      return {
        kind: "failed",
        reason: stopped ? `stopped: ${options.signal!.reason}` : reason,
        attempts,
      };
    }
    attempts++;
    const result = await options.attempt(Math.min(policy.perTryTimeoutMs, left));
    if (result.kind === "accepted") return { kind: "accepted", receipt: result.receipt, attempts };
    if (result.kind === "rejected") return { ...result, attempts };
    reason = result.reason;
    if (result.kind === "blocked") return { kind: "failed", reason, attempts };
    unanswered = result.unreachable ? unanswered + 1 : 0;
    const delayMs = result.retryAfterMs ??
      backoffDelay(attempts, options.random, policy.baseDelayMs, policy.maxDelayMs);
    const resumeAt = options.now() + delayMs;
    const outOfTries = attempts >= policy.maxTries || unanswered >= policy.maxUnreachableTries;
    if (outOfTries || resumeAt > deadline || options.signal?.aborted) {
      const said = result.retryAfterMs === undefined ? {} : { retryAt: resumeAt };
      const limited = result.rateLimited && said.retryAt ? { rateLimitedUntil: resumeAt } : {};
      return { kind: "failed", reason, attempts, ...said, ...limited };
    }
    options.onWait?.({ attempt: attempts, reason, delayMs });
    await options.sleep(delayMs, options.signal);
  }
}
