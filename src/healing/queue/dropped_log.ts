/**
 * `<data>/queue/dropped.jsonl`: one JSON line per report that left the
 * queue without being delivered, and why (refused by the service, queue
 * full, too old, cleared by hand). Nothing leaves the queue silently, and
 * the contact kept for a dropped report is deleted with it. The
 * log is rewritten whole (atomically, under its lock), never appended to in
 * place, so a symbolic link planted under its name is replaced, not written
 * through.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { queueDir } from "./queue_paths.ts";
import { withFileLock } from "./file_lock.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { readOwnTextFile, RefusedFile } from "../../platform/own_file.ts";
import { printableText } from "../../platform/printable_text.ts";
import { deleteContactsOfReports } from "../contact/contact_store.ts";

/** Why one report was dropped. */
export interface DroppedReport {
  reportId: string;
  /** Epoch ms. */
  droppedAt: number;
  reason: string;
}

/** The log keeps at most this many lines (the oldest go first). */
const MAX_LINES = 200;

function line(r: DroppedReport): string {
  return JSON.stringify({ report_id: r.reportId, dropped_at: r.droppedAt, reason: r.reason }) +
    "\n";
}

function droppedPath(dataDir: string): string {
  return join(queueDir(dataDir), "dropped.jsonl");
}

/**
 * Appends drop records to the log.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDropped, recordDropped } from "./dropped_log.ts";
 * const dir = await Deno.makeTempDir();
 * await recordDropped(dir, [{ reportId: "r1", droppedAt: 1, reason: "queue full" }]);
 * assert((await readDropped(dir))[0].reason === "queue full");
 * ```
 */
export async function recordDropped(dataDir: string, records: DroppedReport[]): Promise<void> {
  if (records.length === 0) return;
  await withFileLock(droppedPath(dataDir), async () => {
    const all = [...await readDropped(dataDir), ...records];
    const kept = all.length > MAX_LINES * 2 ? all.slice(-MAX_LINES) : all;
    await writeFileAtomic(droppedPath(dataDir), new TextEncoder().encode(kept.map(line).join("")));
  });
  // Never sent, never a case: nothing else would ever delete its contact.
  await deleteContactsOfReports(dataDir, records.map((record) => record.reportId));
}

/**
 * The drop records, oldest first; unreadable lines are skipped, and so is a
 * log that is a symbolic link or absurdly big.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDropped } from "./dropped_log.ts";
 * assert((await readDropped(await Deno.makeTempDir())).length === 0);
 * ```
 */
export async function readDropped(dataDir: string): Promise<DroppedReport[]> {
  let text: string;
  try {
    text = await readOwnTextFile(droppedPath(dataDir), 1024 * 1024);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof RefusedFile) return [];
    throw error;
  }
  return text.split("\n").flatMap((line) => {
    try {
      const r = JSON.parse(line);
      return typeof r.report_id === "string" && typeof r.reason === "string"
        ? [{
          reportId: printableText(r.report_id),
          droppedAt: Number(r.dropped_at),
          reason: printableText(r.reason),
        }]
        : [];
    } catch {
      return [];
    }
  });
}

/**
 * Removes the drop records of the given report ids (for `caro forget`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { forgetDropped, readDropped, recordDropped } from "./dropped_log.ts";
 * const dir = await Deno.makeTempDir();
 * await recordDropped(dir, [{ reportId: "r1", droppedAt: 1, reason: "x" }]);
 * await forgetDropped(dir, new Set(["r1"]));
 * assert((await readDropped(dir)).length === 0);
 * ```
 */
export async function forgetDropped(dataDir: string, reportIds: Set<string>): Promise<void> {
  await withFileLock(droppedPath(dataDir), async () => {
    const all = await readDropped(dataDir);
    const kept = all.filter((r) => !reportIds.has(r.reportId));
    if (kept.length === all.length) return;
    await writeFileAtomic(droppedPath(dataDir), new TextEncoder().encode(kept.map(line).join("")));
  });
}
