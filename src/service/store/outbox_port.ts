/**
 * The outbox port: side-effect jobs (GitHub, e-mail) queued in the same
 * transaction as the change that caused them, claimed exclusively with a
 * lease, and finished as done, retried or dead.
 *
 * @module
 */

/** A job to queue; a pending job with the same `dedupeKey` absorbs it. */
export interface OutboxJob {
  kind: string;
  payload: unknown;
  dedupeKey?: string;
  /** Due jobs run highest first (default 0); a pending twin keeps the higher priority. */
  priority?: number;
}

/** A claimed job. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
}

/** The outbox operations. */
export interface OutboxPort {
  /** Queues a job (absorbed by a pending job with the same dedupe key). */
  enqueue(job: OutboxJob, now: number): Promise<void>;
  /** Claims up to `limit` jobs due at `now` (of the given kinds), highest priority first, exclusively. */
  claimDue(now: number, limit: number, kinds: readonly string[]): Promise<ClaimedJob[]>;
  /** How long a claim holds a job, ms; its worker renews it while the job runs. */
  readonly leaseMs: number;
  /**
   * Extends a running job's lease to `now + leaseMs`: its worker is alive,
   * so no other process takes the job however long GitHub makes it wait.
   */
  renewLease(id: string, now: number): Promise<void>;
  complete(id: string, now: number): Promise<void>;
  retryLater(id: string, at: number, reason: string): Promise<void>;
  fail(id: string, reason: string, now: number): Promise<void>;
  /** Jobs by state (metrics, tests). */
  outboxCounts(): Promise<Record<string, number>>;
}
