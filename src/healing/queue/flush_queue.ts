/**
 * Sends what is waiting in the queue: oldest first, one try per report
 * (later runs retry on the queue's own backoff), within a time budget. Each
 * report is claimed under its lock first, so two caro processes flushing the
 * same queue send each report once. A 429/503 stops the flush and records
 * the rate limit; an unreachable service stops it too (no point trying the
 * rest now). Corrupt files are set aside and reported; the others still go.
 *
 * @module
 */
import type { InstallKey } from "../../protocol/signed_request.ts";
import { recordDelivery } from "../cases/record_delivery.ts";
import { postReport } from "../submit/post_report.ts";
import { claimQueueEntry } from "./claim_entry.ts";
import { type DroppedReport, recordDropped } from "./dropped_log.ts";
import { nextQueueRetry } from "./next_retry.ts";
import { DEFAULT_QUEUE_CAPS, overCaps, type QueueCaps } from "./queue_caps.ts";
import { CorruptQueueFile } from "./queue_entry.ts";
import { entryPath } from "./queue_paths.ts";
import { activeRateLimit, recordRateLimit } from "./rate_limit.ts";
import { type CorruptFile, scanQueue, setAside } from "./scan_queue.ts";

/** What {@link flushQueue} needs. */
export interface FlushOptions {
  dataDir: string;
  endpoint: string;
  installKey: InstallKey;
  now: () => number;
  /** `true` (start-up): only reports whose next retry is due; `false` (`caro queue flush`): all. */
  dueOnly: boolean;
  /** Time for the whole flush. */
  budgetMs: number;
  /** Longest single try (10 s). */
  perTryTimeoutMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
  signal?: AbortSignal;
  caps?: QueueCaps;
}

/** What happened to one queued report. */
export type FlushLine =
  | { reportId: string; result: "submitted"; caseId: string; trackUrl: string }
  | { reportId: string; result: "kept"; reason: string }
  | { reportId: string; result: "dropped"; reason: string };

/** Everything a flush did. */
export interface FlushResult {
  lines: FlushLine[];
  /** Files set aside as corrupt during this flush. */
  corrupt: CorruptFile[];
  /** Reports dropped by the caps (too old, queue full). */
  capped: DroppedReport[];
  /**
   * Why the flush stopped when the service could not be reached or used (no
   * answer, a host caro may not reach, an endpoint that is no healing
   * service): the reason the report tried last and those after it were kept.
   */
  cannotSend?: string;
}

/**
 * Flushes the queue of `dataDir` to `endpoint`.
 *
 * @example An empty queue sends nothing
 * ```ts
 * import assert from "node:assert/strict";
 * import { flushQueue } from "./flush_queue.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * const result = await flushQueue({
 *   dataDir: await Deno.makeTempDir(), endpoint: "http://127.0.0.1:9",
 *   installKey: await generateInstallKey(),
 *   now: Date.now, dueOnly: false, budgetMs: 1000,
 * });
 * assert(result.lines.length === 0);
 * ```
 *
 * @example A service that cannot be reached: the report is kept, and the flush says why
 * ```ts
 * import assert from "node:assert/strict";
 * import { flushQueue } from "./flush_queue.ts";
 * import { enqueueReport } from "./enqueue_report.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * const dataDir = await Deno.makeTempDir();
 * const body = new TextEncoder().encode("{}");
 * await enqueueReport(dataDir, { reportId: "r1", queuedAt: Date.now(), attempts: 1, nextRetryAt: 0, body }, Date.now());
 * const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * closed.close(); // nothing listens on its port now
 * const result = await flushQueue({
 *   dataDir, endpoint: `http://127.0.0.1:${closed.addr.port}`,
 *   installKey: await generateInstallKey(),
 *   now: Date.now, dueOnly: false, budgetMs: 5000,
 * });
 * assert.equal(result.lines[0].result, "kept");
 * assert.match(result.cannotSend ?? "", /^cannot reach 127\.0\.0\.1:\d+/);
 * ```
 */
export async function flushQueue(options: FlushOptions): Promise<FlushResult> {
  const { dataDir, now } = options;
  const random = options.random ?? Math.random;
  const deadline = now() + options.budgetMs;
  const scan = await scanQueue(dataDir, now());
  const result: FlushResult = { lines: [], corrupt: scan.corrupt, capped: [] };
  result.capped = overCaps(scan.entries, now(), options.caps ?? DEFAULT_QUEUE_CAPS);
  const cappedIds = new Set(result.capped.map((d) => d.reportId));
  await recordDropped(dataDir, result.capped); // first: a crash never loses the record
  for (const id of cappedIds) await Deno.remove(entryPath(dataDir, id)).catch(() => {});

  let stopReason = (await activeRateLimit(dataDir, now()))?.reason;
  for (const queued of scan.entries) {
    if (cappedIds.has(queued.reportId)) continue;
    if (options.dueOnly && queued.nextRetryAt > now()) continue;
    const left = deadline - now();
    if (stopReason === undefined && (left <= 0 || options.signal?.aborted)) {
      stopReason = "no time left in this run";
    }
    if (stopReason !== undefined) {
      result.lines.push({ reportId: queued.reportId, result: "kept", reason: stopReason });
      continue;
    }
    const path = entryPath(dataDir, queued.reportId);
    let claimed;
    try {
      claimed = await claimQueueEntry(path);
    } catch (error) {
      if (!(error instanceof CorruptQueueFile)) throw error;
      result.corrupt.push(await setAside(path, `${queued.reportId}.report`, error.message));
      continue;
    }
    if (claimed === "gone") continue; // another caro sent it meanwhile
    if (claimed === "busy") {
      const reason = "being sent by another caro process";
      result.lines.push({ reportId: queued.reportId, result: "kept", reason });
      continue;
    }
    try {
      const { entry } = claimed;
      if (options.dueOnly && entry.nextRetryAt > now()) continue; // rescheduled meanwhile
      const attempt = await postReport({
        endpoint: options.endpoint,
        reportId: entry.reportId,
        body: entry.body,
        installKey: options.installKey,
        nowMs: now(),
        timeoutMs: Math.min(options.perTryTimeoutMs ?? 10_000, left),
        signal: options.signal,
        fetch: options.fetch,
      });
      if (attempt.kind === "accepted") {
        const { receipt } = attempt;
        await recordDelivery(dataDir, entry.reportId, receipt, now());
        await claimed.remove();
        result.lines.push({
          reportId: entry.reportId,
          result: "submitted",
          caseId: receipt.caseId,
          trackUrl: receipt.trackUrl,
        });
      } else if (attempt.kind === "rejected") {
        await recordDropped(dataDir, [{
          reportId: entry.reportId,
          droppedAt: now(),
          reason: attempt.reason,
        }]);
        await claimed.remove();
        result.lines.push({ reportId: entry.reportId, result: "dropped", reason: attempt.reason });
      } else {
        const serviceRetryAt = attempt.kind === "retry" && attempt.retryAfterMs !== undefined
          ? now() + attempt.retryAfterMs
          : undefined;
        const failedRuns = (entry.failedRuns ?? 1) + 1;
        await claimed.update({
          ...entry,
          attempts: entry.attempts + 1,
          failedRuns,
          nextRetryAt: nextQueueRetry(failedRuns, now(), random, serviceRetryAt),
          lastError: attempt.reason,
        });
        result.lines.push({ reportId: entry.reportId, result: "kept", reason: attempt.reason });
        if (attempt.kind === "retry" && attempt.rateLimited) {
          if (serviceRetryAt) {
            await recordRateLimit(dataDir, { until: serviceRetryAt, reason: attempt.reason });
          }
          stopReason = attempt.reason;
        } else if (attempt.kind === "blocked" || attempt.unreachable) {
          stopReason = attempt.reason; // unreachable or not allowed: the rest would fail alike
          result.cannotSend = attempt.reason;
        }
      }
    } finally {
      claimed.release();
    }
  }
  return result;
}
