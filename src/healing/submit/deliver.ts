/**
 * Delivers one report to the healing service, write-ahead: the single entry
 * point `caro report` and `caro report --submit` use.
 *
 * 1. The report (the exact signed-over bytes) is written to the queue,
 *    durably (temp file, fsync, rename), BEFORE the first network byte, even
 *    before the known-case question. From then on an interruption at any
 *    point (Ctrl-C, SIGTERM, SIGHUP, kill -9, a crash) leaves it queued or
 *    delivered, never neither; the service's idempotency by report id makes
 *    "delivered, then queued again" arrive once.
 * 2. The queue file is locked (`claim_entry.ts`) so no other caro process
 *    sends it meanwhile, and tried at most twice within the foreground
 *    budget ({@link FOREGROUND_BUDGET_MS}: the terminal is back within 3 s
 *    whatever the service does).
 * 3. Only the service's acknowledgement removes it from the queue. A report
 *    the service refuses for good (400/413/422 with its error body) is
 *    recorded in `queue/dropped.jsonl` with the service's message and
 *    returned as `rejected`; anything else (5xx, garbage, no answer, 404,
 *    redirects, DNS, TLS) keeps it queued with the reason, for later runs'
 *    background flush and `caro queue flush`.
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import type { InstallKey } from "../../protocol/signed_request.ts";
import { readCaseRecords } from "../cases/case_records.ts";
import { recordDelivery } from "../cases/record_delivery.ts";
import { claimQueueEntry } from "../queue/claim_entry.ts";
import { recordDropped } from "../queue/dropped_log.ts";
import { enqueueReport } from "../queue/enqueue_report.ts";
import { nextQueueRetry } from "../queue/next_retry.ts";
import { entryPath } from "../queue/queue_paths.ts";
import { activeRateLimit, recordRateLimit } from "../queue/rate_limit.ts";
import { postReport } from "./post_report.ts";
import { FOREGROUND_RETRY_POLICY, type RetryPolicy, sendWithRetries } from "./send_with_retries.ts";
import { startSpinner } from "./spinner.ts";

/** The most `caro report` keeps the user waiting for the service, from consent to the answer. */
export const FOREGROUND_BUDGET_MS = 3_000;
/** Of the budget, kept for the files written after the last try. */
const BOOKKEEPING_MS = 250;
/** Of the budget, the most the `afterQueued` step (the known-case question) may take. */
const AFTER_QUEUED_MS = 600;
/**
 * A report written ahead is not due for a background flush before this, so
 * the flush of another caro starting meanwhile leaves it to its sender; if
 * the sender dies, the next run after this picks it up.
 */
const WRITE_AHEAD_HOLD_MS = 10_000;
/** What `caro queue` shows for a report written ahead whose sender did not finish. */
export const NOT_ACKNOWLEDGED = "written ahead of sending; not acknowledged by the service yet";

/** What {@link deliverReport} needs. */
export interface DeliverOptions {
  /** The exact report bytes (what the consent preview showed and hashed). */
  body: Uint8Array;
  reportId: string;
  /** The healing service's base URL. */
  endpoint: string;
  /** caro's data dir (queue, cases). */
  dataDir: string;
  installKey: InstallKey;
  now: () => number;
  fetch?: typeof fetch;
  /** Waits between tries; inject fake time in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Where the spinner goes (only drawn when it is a terminal). */
  stderr?: TextSink;
  policy?: RetryPolicy;
  /** The whole wait, from the call to the outcome (default {@link FOREGROUND_BUDGET_MS}). */
  budgetMs?: number;
  /**
   * Runs once the report is safely queued and before the first try, given
   * its share of the budget in ms (`caro report` asks whether the problem is
   * a known case here: that question is a network byte too).
   */
  afterQueued?: (timeoutMs: number) => Promise<void>;
  signal?: AbortSignal;
}

/** How a delivery ended. */
export type DeliveryOutcome =
  | { status: "submitted"; caseId: string; trackUrl: string; message?: string; fixedIn?: string }
  | { status: "queued"; reason: string }
  /** Refused for good by the service (400/413/422); recorded as dropped, not queued. */
  | { status: "rejected"; reason: string; httpStatus: number };

/**
 * Queues the report, then sends it within the budget; never loses it.
 *
 * @example Queued when nothing listens (waits on a fake clock)
 * ```ts
 * import assert from "node:assert/strict";
 * import { deliverReport } from "./deliver.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * let clock = Date.now();
 * const outcome = await deliverReport({
 *   body: new TextEncoder().encode("{}"), reportId: "r_example",
 *   endpoint: "http://127.0.0.1:9", dataDir: await Deno.makeTempDir(),
 *   installKey: await generateInstallKey(), now: () => clock,
 *   sleep: (ms) => { clock += ms; return Promise.resolve(); },
 * });
 * assert(outcome.status === "queued");
 * ```
 */
export async function deliverReport(options: DeliverOptions): Promise<DeliveryOutcome> {
  const { now, dataDir, reportId } = options;
  const random = options.random ?? Math.random;
  const start = now();
  const deadline = start + (options.budgetMs ?? FOREGROUND_BUDGET_MS) - BOOKKEEPING_MS;
  const limit = await activeRateLimit(dataDir, start);
  const limitReason = limit &&
    `${limit.reason}; not sending before ${new Date(limit.until).toISOString()}`;
  await enqueueReport(dataDir, {
    reportId,
    queuedAt: start,
    attempts: 0,
    failedRuns: 0,
    nextRetryAt: limit?.until ?? start + WRITE_AHEAD_HOLD_MS,
    lastError: limitReason ?? NOT_ACKNOWLEDGED,
    body: options.body,
  }, start);
  if (limitReason) return { status: "queued", reason: limitReason };

  await options.afterQueued?.(Math.max(1, Math.min(AFTER_QUEUED_MS, deadline - now())));
  const claimed = await claimQueueEntry(entryPath(dataDir, reportId));
  if (claimed === "busy") return { status: "queued", reason: "being sent by another caro process" };
  if (claimed === "gone") return await sentByAnother(dataDir, reportId);
  const host = hostOf(options.endpoint);
  const spinner = startSpinner(
    options.stderr,
    () =>
      `sending report to ${host}… (kept in the queue if no answer in ${
        secondsLeft(deadline, now)
      } s)`,
  );
  try {
    const policy = options.policy ?? FOREGROUND_RETRY_POLICY;
    const outcome = await sendWithRetries({
      attempt: (timeoutMs) =>
        postReport({
          endpoint: options.endpoint,
          reportId,
          body: claimed.entry.body,
          installKey: options.installKey,
          nowMs: now(),
          timeoutMs,
          signal: options.signal,
          fetch: options.fetch,
        }),
      now,
      sleep: options.sleep ?? abortableSleep,
      random,
      policy: { ...policy, totalMs: Math.max(0, Math.min(policy.totalMs, deadline - now())) },
      signal: options.signal,
      onWait: ({ reason }) =>
        spinner.update(() => `${reason}; trying once more… (${secondsLeft(deadline, now)} s)`),
    });
    spinner.stop();
    if (outcome.kind === "accepted") {
      const { receipt } = outcome;
      await recordDelivery(dataDir, reportId, receipt, now());
      await claimed.remove();
      return {
        status: "submitted",
        caseId: receipt.caseId,
        trackUrl: receipt.trackUrl,
        ...(receipt.message ? { message: receipt.message } : {}),
        ...(receipt.fixedIn ? { fixedIn: receipt.fixedIn } : {}),
      };
    }
    if (outcome.kind === "rejected") {
      await recordDropped(dataDir, [{ reportId, droppedAt: now(), reason: outcome.reason }]);
      await claimed.remove();
      return { status: "rejected", reason: outcome.reason, httpStatus: outcome.httpStatus };
    }
    if (outcome.rateLimitedUntil) {
      await recordRateLimit(dataDir, { until: outcome.rateLimitedUntil, reason: outcome.reason });
    }
    await claimed.update({
      ...claimed.entry,
      attempts: outcome.attempts,
      failedRuns: 1,
      nextRetryAt: nextQueueRetry(1, now(), random, outcome.retryAt),
      lastError: outcome.reason,
    });
    return { status: "queued", reason: `${outcome.reason}; will retry` };
  } finally {
    spinner.stop();
    claimed.release();
  }
}

/** Another caro process (`caro queue flush`) took the report between our write and our lock. */
async function sentByAnother(dataDir: string, reportId: string): Promise<DeliveryOutcome> {
  const record = (await readCaseRecords(dataDir)).find((r) => r.reportId === reportId);
  return record
    ? { status: "submitted", caseId: record.caseId, trackUrl: record.trackUrl }
    : { status: "queued", reason: "handed to another caro process sending the queue" };
}

function secondsLeft(deadline: number, now: () => number): number {
  return Math.max(0, Math.ceil((deadline - now()) / 1000));
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * Waits `ms`, or less when `signal` aborts.
 *
 * @example
 * ```ts
 * import { abortableSleep } from "./deliver.ts";
 * await abortableSleep(1);
 * ```
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
