/**
 * Runs due outbox jobs through a handler and records each outcome durably:
 * done, retry at the time GitHub (or our own budget) named, or dead with a
 * reason. The outbox itself lives in the store; this module only needs the
 * {@link DrainPort} slice of it, so it runs the same on SQLite and
 * PostgreSQL, and with several workers (the store's claim is exclusive).
 *
 * @module
 */
import type { ClaimedJob, OutboxPort } from "../store/outbox_port.ts";
import { retryDecision } from "./retry_at.ts";

/** The outbox operations the drain loop needs. */
export type DrainPort = Pick<
  OutboxPort,
  "claimDue" | "leaseMs" | "renewLease" | "complete" | "retryLater" | "fail"
>;

/** Counts from one drain. */
export interface DrainResult {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Claims due jobs one at a time and runs them, up to `limit`; stops early
 * when GitHub (or the write budget) says to wait, leaving the rest for
 * later, or when `stopping()` (shutdown) says so.
 *
 * @example
 * ```ts ignore
 * const result = await drainOutbox(outbox, ["github.case"], (job) => runGitHubJob(job.payload, deps), Date.now);
 * ```
 */
export async function drainOutbox(
  outbox: DrainPort,
  kinds: readonly string[],
  handle: (job: ClaimedJob) => Promise<void>,
  now: () => number,
  limit = 20,
  stopping: () => boolean = () => false,
): Promise<DrainResult> {
  const result: DrainResult = { done: 0, retried: 0, failed: 0 };
  // One job per claim: its lease covers that job alone, however slow GitHub is.
  for (let n = 0; n < limit && !stopping(); n++) {
    const [job] = await outbox.claimDue(now(), 1, kinds);
    if (!job) break;
    // Renewed at a third of the lease while the job runs: a slow job stays this worker's.
    const renewal = setInterval(
      () => void outbox.renewLease(job.id, now()).catch(() => {}),
      Math.max(1, outbox.leaseMs / 3),
    );
    try {
      try {
        await handle(job);
      } finally {
        clearInterval(renewal);
      }
      await outbox.complete(job.id, now());
      result.done++;
    } catch (error) {
      const decision = retryDecision(error, now(), job.attempt);
      if (decision.retry) {
        await outbox.retryLater(job.id, decision.at, decision.reason);
        result.retried++;
        if (/rate limit|budget/.test(decision.reason)) break; // the rest waits for GitHub
      } else {
        await outbox.fail(job.id, decision.reason, now());
        result.failed++;
      }
    }
  }
  return result;
}
