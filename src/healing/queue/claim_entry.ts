/**
 * The per-report lock that keeps two caro processes from sending the same
 * queued report: an exclusive OS advisory lock (`flock`) on the report's own
 * file. The lock dies with its process, so there is no stale lock to take
 * over. Whoever holds it replaces the file (rename) or deletes it BEFORE
 * unlocking, and a claimer checks after locking that the path still names
 * the file it locked (by `lstat`: a symbolic link put in its place never
 * names it); so a late claimer finds the new state, never the old.
 *
 * @module
 */
import { decodeQueueEntry, encodeQueueEntry, type QueueEntry } from "./queue_entry.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { readOpenFile } from "../../platform/own_file.ts";

/** A queued report this process holds the lock on. */
export interface ClaimedEntry {
  entry: QueueEntry;
  path: string;
  /** Replaces the file with `entry` (still locked). */
  update(entry: QueueEntry): Promise<void>;
  /** Deletes the file (still locked). */
  remove(): Promise<void>;
  /** Unlocks; call last, after update or remove. */
  release(): void;
}

/**
 * Locks and reads the queue file at `path`: `"busy"` when another process
 * holds it, `"gone"` when it no longer exists. A corrupt file throws
 * `CorruptQueueFile` (the lock is released first).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { claimQueueEntry } from "./claim_entry.ts";
 * const dir = await Deno.makeTempDir();
 * assert(await claimQueueEntry(`${dir}/none.report`) === "gone");
 * ```
 */
export async function claimQueueEntry(path: string): Promise<ClaimedEntry | "busy" | "gone"> {
  for (let round = 0; round < 5; round++) {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return "gone";
      throw error;
    }
    let keep = false;
    try {
      if (!await file.tryLock(true)) return "busy";
      if (!await sameFile(file, path)) continue; // replaced meanwhile: look again
      const entry = await decodeQueueEntry((await readOpenFile(file))!);
      keep = true;
      return {
        entry,
        path,
        update: async (next) => await writeFileAtomic(path, await encodeQueueEntry(next)),
        remove: () => Deno.remove(path).catch(ignoreNotFound),
        release: () => file.close(),
      };
    } finally {
      if (!keep) file.close();
    }
  }
  return "busy";
}

async function sameFile(file: Deno.FsFile, path: string): Promise<boolean> {
  let current: Deno.FileInfo;
  try {
    current = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  const held = await file.stat();
  if (held.ino !== null && current.ino !== null) {
    return held.ino === current.ino && held.dev === current.dev;
  }
  return held.mtime?.getTime() === current.mtime?.getTime() && held.size === current.size;
}

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
}
