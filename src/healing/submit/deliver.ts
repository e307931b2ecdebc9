/**
 * Delivers one report to the healing service, or keeps it: the single entry
 * point `caro report` uses. The exact bytes are POSTed, signed, with the
 * report id as idempotency key, retried within the budget (see
 * `send_with_retries.ts`); when that fails for any reason the report is
 * queued in the data dir for a later run. A report the service refuses for
 * good (4xx) is not queued forever: it is recorded in `queue/dropped.jsonl`
 * with the service's reason and returned as `rejected`.
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import type { InstallKey } from "../../protocol/signed_request.ts";
import { recordDelivery } from "../cases/record_delivery.ts";
import { recordDropped } from "../queue/dropped_log.ts";
import { enqueueReport } from "../queue/enqueue_report.ts";
import { nextQueueRetry } from "../queue/next_retry.ts";
import { activeRateLimit, recordRateLimit } from "../queue/rate_limit.ts";
import { postReport } from "./post_report.ts";
import { type RetryPolicy, sendWithRetries } from "./send_with_retries.ts";
import { startSpinner } from "./spinner.ts";

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
  signal?: AbortSignal;
}

/** How a delivery ended. */
export type DeliveryOutcome =
  | { status: "submitted"; caseId: string; trackUrl: string; message?: string; fixedIn?: string }
  | { status: "queued"; reason: string }
  /** Refused for good by the service (4xx); recorded as dropped, not queued. */
  | { status: "rejected"; reason: string; httpStatus: number };

/**
 * Sends the report now, or queues it; never loses it silently.
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
  const limit = await activeRateLimit(dataDir, now());
  if (limit) {
    const reason = `${limit.reason}; not sending before ${new Date(limit.until).toISOString()}`;
    await enqueueReport(dataDir, {
      reportId,
      queuedAt: now(),
      attempts: 0,
      nextRetryAt: limit.until,
      lastError: reason,
      body: options.body,
    }, now());
    return { status: "queued", reason };
  }
  const host = hostOf(options.endpoint);
  const spinner = startSpinner(options.stderr, `sending report to ${host}…`);
  let outcome;
  try {
    outcome = await sendWithRetries({
      attempt: (timeoutMs) =>
        postReport({
          endpoint: options.endpoint,
          reportId,
          body: options.body,
          installKey: options.installKey,
          nowMs: now(),
          timeoutMs,
          signal: options.signal,
          fetch: options.fetch,
        }),
      now,
      sleep: options.sleep ?? abortableSleep,
      random,
      policy: options.policy,
      signal: options.signal,
      onWait: ({ reason, delayMs }) =>
        spinner.update(`${reason}; retrying in ${Math.ceil(delayMs / 1000)} s…`),
    });
  } finally {
    spinner.stop();
  }
  if (outcome.kind === "accepted") {
    const { receipt } = outcome;
    await recordDelivery(dataDir, reportId, receipt, now());
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
    return { status: "rejected", reason: outcome.reason, httpStatus: outcome.httpStatus };
  }
  if (outcome.rateLimitedUntil) {
    await recordRateLimit(dataDir, { until: outcome.rateLimitedUntil, reason: outcome.reason });
  }
  await enqueueReport(dataDir, {
    reportId,
    queuedAt: now(),
    attempts: outcome.attempts,
    failedRuns: 1,
    nextRetryAt: nextQueueRetry(1, now(), random, outcome.retryAt),
    lastError: outcome.reason,
    body: options.body,
  }, now());
  return { status: "queued", reason: outcome.reason };
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
