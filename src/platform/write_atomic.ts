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
 * creating the directory (mode 0700) when missing. With `createNew`, an
 * existing file is never replaced: the temp file is linked into place
 * instead, and `Deno.errors.AlreadyExists` is thrown when `path` exists.
 *
 * @example Replacing, then refusing to replace
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./write_atomic.ts";
 * const path = `${await Deno.makeTempDir()}/a.json`;
 * await writeFileAtomic(path, new TextEncoder().encode("{}"));
 * if (Deno.build.os !== "windows") assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
 * await assert.rejects(
 *   writeFileAtomic(path, new Uint8Array(), { createNew: true }),
 *   Deno.errors.AlreadyExists,
 * );
 * assert.equal(await Deno.readTextFile(path), "{}");
 * ```
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: { createNew?: boolean } = {},
): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}.${crypto.randomUUID()}`);
  try {
    await writeNewFile(temp, bytes);
    if (options.createNew) await Deno.link(temp, path);
    else await Deno.rename(temp, path);
  } finally {
    await Deno.remove(temp).catch(() => {}); // gone after a rename
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
