/**
 * Serialises read-modify-write of one small data file between caro
 * processes with an OS advisory lock on a sidecar `<file>.lock` (released by
 * the kernel if the process dies, so there is no stale lock to take over).
 *
 * @module
 */
import { dirname } from "../../platform/path.ts";

/**
 * Runs `fn` while holding an exclusive lock on `<path>.lock`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withFileLock } from "./file_lock.ts";
 * const dir = await Deno.makeTempDir();
 * const n = await withFileLock(`${dir}/cases.json`, () => Promise.resolve(42));
 * assert(n === 42);
 * ```
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  await Deno.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const lock = await Deno.open(`${path}.lock`, {
    read: true,
    write: true,
    create: true,
    mode: 0o600,
  });
  try {
    await lock.lock(true);
    return await fn();
  } finally {
    lock.close();
  }
}
