/**
 * Looks into the queue directories of the simulated installs after a chaos
 * run, read-only, with the client's own file format code: which entries are
 * still queued, which entry files do not decode (half-written), which were
 * set aside as corrupt, which crash temp files are left, and which reports
 * were dropped from a queue (with the reason the client recorded).
 *
 * @module
 */
import { join } from "node:path";
import { decodeQueueEntry } from "../../src/healing/queue/queue_entry.ts";
import { CORRUPT_SUFFIX, ENTRY_SUFFIX, queueDir } from "../../src/healing/queue/queue_paths.ts";
import { TEMP_PREFIX } from "../../src/platform/write_atomic.ts";
import { readDropped } from "../../src/healing/queue/dropped_log.ts";
import type { QueueLeftovers } from "./chaos_verdict.ts";

/**
 * Inspects the queues of `dataDirs`; `plantedStale` are the crash temp files
 * the harness planted with an old mtime, which the reader must have removed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inspectQueues } from "./inspect_queues.ts";
 * const { leftovers } = await inspectQueues([await Deno.makeTempDir()], []);
 * assert(leftovers.entries.length === 0);
 * ```
 */
export async function inspectQueues(
  dataDirs: string[],
  plantedStale: string[],
): Promise<{ leftovers: QueueLeftovers; dropped: Map<string, string> }> {
  const leftovers: QueueLeftovers = {
    entries: [],
    halfWritten: [],
    setAside: [],
    staleTemps: [],
    freshTemps: 0,
  };
  const dropped = new Map<string, string>();
  for (const dataDir of dataDirs) {
    const dir = queueDir(dataDir);
    const names: string[] = [];
    try {
      for await (const item of Deno.readDir(dir)) if (item.isFile) names.push(item.name);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (name.endsWith(ENTRY_SUFFIX)) {
        try {
          leftovers.entries.push((await decodeQueueEntry(await Deno.readFile(path))).reportId);
        } catch {
          leftovers.halfWritten.push(path);
        }
      } else if (name.endsWith(CORRUPT_SUFFIX)) leftovers.setAside.push(path);
      else if (name.startsWith(TEMP_PREFIX)) {
        if (plantedStale.includes(path)) leftovers.staleTemps.push(path);
        else leftovers.freshTemps++;
      }
    }
    for (const record of await readDropped(dataDir)) dropped.set(record.reportId, record.reason);
  }
  return { leftovers, dropped };
}
