/**
 * Puts a report in the queue (one atomic 0600 file), then keeps the queue
 * within its caps, recording every report it drops and why. A queue that
 * cannot be written (a file where its folder should be, a denied permission)
 * fails with one line saying the report was not queued, and why (nor sent:
 * a report is queued before it is sent, see `deliverReport`).
 *
 * @module
 */
import { type DroppedReport, recordDropped } from "./dropped_log.ts";
import { encodeQueueEntry, isSafeReportId, type QueueEntry } from "./queue_entry.ts";
import { entryPath } from "./queue_paths.ts";
import { DEFAULT_QUEUE_CAPS, overCaps, type QueueCaps } from "./queue_caps.ts";
import { scanQueue } from "./scan_queue.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { CaroError, fileProblem } from "../../errors.ts";

/**
 * Writes `entry` to the queue of `dataDir` and returns what the caps dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { enqueueReport } from "./enqueue_report.ts";
 * import { scanQueue } from "./scan_queue.ts";
 * const dir = await Deno.makeTempDir();
 * const body = new TextEncoder().encode("{}");
 * await enqueueReport(dir, { reportId: "r1", queuedAt: 1, attempts: 1, nextRetryAt: 2, body }, 1);
 * assert((await scanQueue(dir, 1)).entries[0].reportId === "r1");
 * ```
 *
 * @example A file where the queue folder should be
 * ```ts
 * import assert from "node:assert/strict";
 * import { enqueueReport } from "./enqueue_report.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/queue`, "");
 * const body = new TextEncoder().encode("{}");
 * await assert.rejects(
 *   enqueueReport(dir, { reportId: "r1", queuedAt: 1, attempts: 1, nextRetryAt: 2, body }, 1),
 *   { message: `Report not sent or queued: Cannot write "${dir}/queue": it is a file, not a directory` },
 * );
 * ```
 */
export async function enqueueReport(
  dataDir: string,
  entry: QueueEntry,
  now: number,
  caps: QueueCaps = DEFAULT_QUEUE_CAPS,
): Promise<DroppedReport[]> {
  if (!isSafeReportId(entry.reportId)) {
    throw new Error(`report id ${JSON.stringify(entry.reportId)} cannot name a queue file`);
  }
  try {
    await writeFileAtomic(entryPath(dataDir, entry.reportId), await encodeQueueEntry(entry));
  } catch (error) {
    const problem = fileProblem(error);
    if (!problem) throw error;
    throw new CaroError(`Report not sent or queued: ${problem.message}`, { cause: error });
  }
  const { entries } = await scanQueue(dataDir, now);
  const drops = overCaps(entries, now, caps);
  // Recorded first: a crash in between leaves a record and the entry (dropped
  // again later), never a report gone without its record.
  await recordDropped(dataDir, drops);
  for (const drop of drops) {
    await Deno.remove(entryPath(dataDir, drop.reportId)).catch(() => {});
  }
  return drops;
}
