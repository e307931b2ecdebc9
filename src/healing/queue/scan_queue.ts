/**
 * Reads every queued report: corrupt files (truncated, altered, not ours,
 * too big) are renamed to `.corrupt` and reported, never sent and never
 * blocking the others; temp files left by a crash mid-write are removed. A
 * symbolic link is never followed: a link in the queue directory is not
 * listed, and a queue directory that is itself a link reads as empty.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { CorruptQueueFile, decodeQueueEntry, type QueueEntry } from "./queue_entry.ts";
import { CORRUPT_SUFFIX, ENTRY_SUFFIX, queueDir } from "./queue_paths.ts";
import { TEMP_PREFIX } from "../../platform/write_atomic.ts";
import { readOwnFile, RefusedFile } from "../../platform/own_file.ts";

/** A queue file that was set aside. */
export interface CorruptFile {
  /** The file's name as it was (`<id>.report`). */
  file: string;
  /** Where it now is. */
  setAsideAs: string;
  reason: string;
}

/** What {@link scanQueue} found. */
export interface QueueScan {
  /** Readable entries, oldest first. */
  entries: QueueEntry[];
  /** Files set aside during this scan. */
  corrupt: CorruptFile[];
  /** `.corrupt` files already set aside earlier. */
  setAside: string[];
}

/** A queue file bigger than this is no report of ours (the service takes ≤ 64 KB). */
const MAX_ENTRY_BYTES = 1024 * 1024;
/** A temp file older than this belongs to a crashed writer. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Lists the queue of `dataDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanQueue } from "./scan_queue.ts";
 * const scan = await scanQueue(await Deno.makeTempDir(), Date.now());
 * assert(scan.entries.length === 0 && scan.corrupt.length === 0);
 * ```
 */
export async function scanQueue(dataDir: string, now: number): Promise<QueueScan> {
  const dir = queueDir(dataDir);
  const scan: QueueScan = { entries: [], corrupt: [], setAside: [] };
  let names: string[];
  try {
    if ((await Deno.lstat(dir)).isSymlink) return scan;
    names = [];
    for await (const item of Deno.readDir(dir)) if (item.isFile) names.push(item.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return scan;
    throw error;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (name.startsWith(TEMP_PREFIX)) {
      await removeIfStale(path, now);
    } else if (name.endsWith(CORRUPT_SUFFIX)) {
      scan.setAside.push(name);
    } else if (name.endsWith(ENTRY_SUFFIX)) {
      const entry = await readEntry(path, name, scan);
      if (entry) scan.entries.push(entry);
    }
  }
  scan.entries.sort((a, b) => a.queuedAt - b.queuedAt);
  return scan;
}

async function readEntry(path: string, name: string, scan: QueueScan) {
  let bytes: Uint8Array;
  try {
    bytes = await readOwnFile(path, MAX_ENTRY_BYTES);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined; // sent meanwhile
    if (!(error instanceof RefusedFile)) throw error;
    scan.corrupt.push(await setAside(path, name, error.message));
    return undefined;
  }
  try {
    const entry = await decodeQueueEntry(bytes);
    if (`${entry.reportId}${ENTRY_SUFFIX}` !== name) {
      throw new CorruptQueueFile(`holds report ${entry.reportId}, not the one its name says`);
    }
    return entry;
  } catch (error) {
    if (!(error instanceof CorruptQueueFile)) throw error;
    scan.corrupt.push(await setAside(path, name, error.message));
    return undefined;
  }
}

/**
 * Renames a corrupt queue file to `<name>.corrupt` so it is kept but never sent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setAside } from "./scan_queue.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/x.report`, "junk");
 * const moved = await setAside(`${dir}/x.report`, "x.report", "no header line");
 * assert(moved.setAsideAs === "x.report.corrupt");
 * ```
 */
export async function setAside(path: string, name: string, reason: string): Promise<CorruptFile> {
  const setAsideAs = `${name}${CORRUPT_SUFFIX}`;
  await Deno.rename(path, `${path}${CORRUPT_SUFFIX}`);
  return { file: name, setAsideAs, reason };
}

async function removeIfStale(path: string, now: number): Promise<void> {
  try {
    const info = await Deno.stat(path);
    if (now - (info.mtime?.getTime() ?? 0) > STALE_TEMP_MS) await Deno.remove(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
