/**
 * Crash-safe file replacement for caro's data files (queue entries, cases,
 * notices): the bytes go to a temp file in the same directory (mode 0600),
 * are synced to disk, then renamed over the target, so a reader sees the old
 * file or the new one, never half of either.
 *
 * @module
 */
import { basename, dirname, join } from "./path.ts";

/** Temp files of {@link writeFileAtomic} start with this, so a clean-up can find them. */
export const TEMP_PREFIX = ".tmp-";

/**
 * Writes `bytes` to `path` atomically (temp file, fsync, rename), mode 0600,
 * creating the directory (mode 0700) when missing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./write_atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/a.json`, new TextEncoder().encode("{}"));
 * assert((await Deno.stat(`${dir}/a.json`)).mode! % 0o1000 === 0o600);
 * ```
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}.${crypto.randomUUID()}`);
  try {
    await writeNewFile(temp, bytes);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Creates `path` (mode 0600; it must not exist yet: `AlreadyExists`
 * otherwise), writes `bytes` and syncs them to disk.
 *
 * @example A second create fails
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeNewFile } from "./write_atomic.ts";
 * const path = `${await Deno.makeTempDir()}/secret`;
 * await writeNewFile(path, new Uint8Array([1, 2]));
 * assert.deepEqual(await Deno.readFile(path), new Uint8Array([1, 2]));
 * await assert.rejects(writeNewFile(path, new Uint8Array()), Deno.errors.AlreadyExists);
 * ```
 */
export async function writeNewFile(path: string, bytes: Uint8Array): Promise<void> {
  const file = await Deno.open(path, { write: true, createNew: true, mode: 0o600 });
  try {
    let rest = bytes;
    while (rest.length > 0) rest = rest.subarray(await file.write(rest));
    await file.sync();
  } finally {
    file.close();
  }
}
