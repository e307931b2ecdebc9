/**
 * Whether the report queue holds a report that is due, read cheaply for the
 * start-up hook: only each entry's header line (its `next_retry_at`), no
 * body check and none of the queue's other modules. A file whose header
 * cannot be read this way counts as due, so that the full flush (which sets
 * corrupt files aside) still looks at it.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { ENTRY_SUFFIX, queueDir } from "./queue_paths.ts";

/** A header line longer than this is not read here (the file counts as due). */
const HEADER_BYTES = 4096;

/**
 * Whether any queued report may be sent at `now` (or cannot be judged
 * without the full scan). An absent, unreadable or symlinked queue holds
 * none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { queueHasDueEntry } from "./queue_due.ts";
 * const data = await Deno.makeTempDir();
 * assert.equal(await queueHasDueEntry(data, 0), false);
 * await Deno.mkdir(`${data}/queue`);
 * await Deno.writeTextFile(`${data}/queue/r1.report`, '{"v":1,"next_retry_at":5000}\n{}');
 * assert.equal(await queueHasDueEntry(data, 4999), false);
 * assert.equal(await queueHasDueEntry(data, 5000), true);
 * await Deno.writeTextFile(`${data}/queue/r2.report`, "not a header");
 * assert.equal(await queueHasDueEntry(data, 0), true);
 * ```
 */
export async function queueHasDueEntry(dataDir: string, now: number): Promise<boolean> {
  const dir = queueDir(dataDir);
  const names: string[] = [];
  try {
    if ((await Deno.lstat(dir)).isSymlink) return false;
    for await (const item of Deno.readDir(dir)) {
      if (item.isFile && item.name.endsWith(ENTRY_SUFFIX)) names.push(item.name);
    }
  } catch {
    return false;
  }
  const due = await Promise.all(names.map(async (name) => {
    const retryAt = await nextRetryAt(join(dir, name)).catch(() => undefined);
    return retryAt === undefined || retryAt <= now;
  }));
  return due.includes(true);
}

/** An entry's `next_retry_at`, or `undefined` when its header line says none. */
async function nextRetryAt(path: string): Promise<number | undefined> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(HEADER_BYTES);
  let filled = 0;
  while (filled < buffer.length) {
    const read = await file.read(buffer.subarray(filled));
    if (read === null) break;
    filled += read;
  }
  const newline = buffer.subarray(0, filled).indexOf(0x0a);
  if (newline < 0) return undefined;
  const head = JSON.parse(new TextDecoder().decode(buffer.subarray(0, newline)));
  const value = head?.next_retry_at;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
