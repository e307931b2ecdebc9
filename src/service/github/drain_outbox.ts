/**
 * Runs due outbox jobs through a handler and records each outcome durably:
 * done, retry at the time GitHub (or our own budget) named, or dead with a
 * reason. The outbox itself lives in the store; this module only needs the
 * {@link OutboxPort} slice of it, so it runs the same on SQLite and
 * PostgreSQL, and with several workers (the store's claim is exclusive).
 *
 * @module
 */
import { retryDecision } from "./retry_at.ts";

/** A claimed job. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
}

/** The outbox operations the drain loop needs. */
export interface OutboxPort {
  /** Claims up to `limit` jobs due at `now` (of the given kinds), exclusively. */
  claimDue(now: number, limit: number, kinds: readonly string[]): Promise<ClaimedJob[]>;
  complete(id: string, now: number): Promise<void>;
  retryLater(id: string, at: number, reason: string): Promise<void>;
  fail(id: string, reason: string, now: number): Promise<void>;
}

/** Counts from one drain. */
export interface DrainResult {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Claims due jobs and runs them one after another; stops early when GitHub
 * (or the write budget) says to wait, leaving the rest for later.
 *
 * @example
 * ```ts ignore
 * const result = await drainOutbox(outbox, ["github.case"], (job) => runGitHubJob(job.payload, deps), Date.now);
 * ```
 */
export async function drainOutbox(
  outbox: OutboxPort,
  kinds: readonly string[],
  handle: (job: ClaimedJob) => Promise<void>,
  now: () => number,
  limit = 20,
): Promise<DrainResult> {
  const result: DrainResult = { done: 0, retried: 0, failed: 0 };
  const jobs = await outbox.claimDue(now(), limit, kinds);
  let pausedUntil: number | undefined;
  for (const job of jobs) {
    if (pausedUntil !== undefined) {
      await outbox.retryLater(job.id, pausedUntil, "waiting for GitHub");
      result.retried++;
      continue;
    }
    try {
      await handle(job);
      await outbox.complete(job.id, now());
      result.done++;
    } catch (error) {
      const decision = retryDecision(error, now(), job.attempt);
      if (decision.retry) {
        await outbox.retryLater(job.id, decision.at, decision.reason);
        result.retried++;
        if (/rate limit|budget/.test(decision.reason)) pausedUntil = decision.at;
      } else {
        await outbox.fail(job.id, decision.reason, now());
        result.failed++;
      }
    }
  }
  return result;
}
