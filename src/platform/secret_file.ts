/**
 * A per-install secret kept in one file that only its owner may read (mode
 * 0600): created on first use, refused afterwards when group or others can
 * read it or when it is a symbolic link (never followed), never replaced
 * silently. Two processes racing on first use end
 * up with the same secret: the second reads what the first wrote.
 *
 * @module
 */
import { CaroError } from "../errors.ts";
import { writeFileAtomic } from "./write_atomic.ts";
import { readOwnFile } from "./own_file.ts";

/**
 * Reads the secret at `path`, or writes `create()`'s bytes there (mode
 * 0600, the directory 0700) when the file does not exist yet. A file with
 * group/other permissions is refused with a one-line {@link CaroError}
 * naming `what` (e.g. "install key").
 *
 * @example Created once, then read back
 * ```ts
 * import assert from "node:assert/strict";
 * import { readOrCreateSecretFile } from "./secret_file.ts";
 * const path = `${await Deno.makeTempDir()}/data/secret.key`;
 * const first = await readOrCreateSecretFile(path, "key", () => new Uint8Array([1, 2, 3]));
 * const again = await readOrCreateSecretFile(path, "key", () => new Uint8Array([9]));
 * assert.deepEqual(again, first);
 * if (Deno.build.os !== "windows") assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
 * ```
 *
 * @example A readable-by-others file is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { readOrCreateSecretFile } from "./secret_file.ts";
 * const path = `${await Deno.makeTempDir()}/secret.key`;
 * await Deno.writeFile(path, new Uint8Array([1]), { mode: 0o644 });
 * await Deno.chmod(path, 0o644);
 * if (Deno.build.os !== "windows") {
 *   await assert.rejects(
 *     readOrCreateSecretFile(path, "key", () => new Uint8Array()),
 *     /Refusing key ".*": its mode is 644, expected 600/,
 *   );
 * }
 * ```
 */
export async function readOrCreateSecretFile(
  path: string,
  what: string,
  create: () => Uint8Array | Promise<Uint8Array>,
): Promise<Uint8Array> {
  try {
    const bytes = await readOwnFile(path, 64 * 1024);
    const mode = (await Deno.lstat(path)).mode;
    if (mode !== null && (mode & 0o077) !== 0) {
      throw new CaroError(
        `Refusing ${what} "${path}": its mode is ${(mode & 0o777).toString(8)}, expected 600`,
      );
    }
    return bytes;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const bytes = await create();
  try {
    // Written whole before it appears, and never over an existing secret.
    await writeFileAtomic(path, bytes, { createNew: true });
  } catch (error) {
    // Another caro process created it first: use theirs.
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    return readOrCreateSecretFile(path, what, create);
  }
  return bytes;
}
