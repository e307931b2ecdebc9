/**
 * Where the report queue lives inside caro's data dir: `<data>/queue/` holds
 * one `<report id>.report` file per waiting report, `dropped.jsonl` (why a
 * report left the queue unsent) and `rate_limit.json` (the service asked us
 * to wait until…).
 *
 * @module
 */
import { join } from "../../platform/path.ts";

/** Suffix of a queued report's file. */
export const ENTRY_SUFFIX = ".report";
/** Suffix a corrupt queue file is renamed to (kept for inspection, never sent). */
export const CORRUPT_SUFFIX = ".corrupt";

/**
 * The queue directory inside `dataDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { queueDir } from "./queue_paths.ts";
 * assert(queueDir("/d") === "/d/queue");
 * ```
 */
export function queueDir(dataDir: string): string {
  return join(dataDir, "queue");
}

/**
 * The file of one queued report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entryPath } from "./queue_paths.ts";
 * assert(entryPath("/d", "r1") === "/d/queue/r1.report");
 * ```
 */
export function entryPath(dataDir: string, reportId: string): string {
  return join(queueDir(dataDir), `${reportId}${ENTRY_SUFFIX}`);
}
