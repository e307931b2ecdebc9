/**
 * Reading caro's own data files without following a link out of caro's
 * folders. `--allow-read` checks the path it is given, and the OS then
 * follows a symlink wherever it points; so a link planted in the data dir
 * (`queue/x.report -> ~/.ssh/id_ed25519`) would hand any file to caro. The
 * file is refused when its path is a symlink (`lstat`), and when the file
 * opened is not the one looked at (swapped in between: device and inode
 * differ). Size is capped while reading, so a huge file is never loaded.
 *
 * @module
 */
import { CaroError } from "../errors.ts";

/** A file caro will not read: a link out of its folders, not a plain file, or too big. */
export class RefusedFile extends CaroError {
  constructor(path: string, why: string) {
    super(`Refusing "${path}": ${why}`);
    this.name = "RefusedFile";
  }
}

/**
 * The bytes of the plain file at `path`, at most `maxBytes` (default 16 MiB).
 * Throws `Deno.errors.NotFound` when absent and {@link RefusedFile} for a
 * symlink, a non-file, a file swapped while opening, or one over the cap.
 *
 * @example A symlink is refused, the plain file is read
 * ```ts
 * import assert from "node:assert/strict";
 * import { readOwnFile, RefusedFile } from "./own_file.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/secret`, "outside");
 * await Deno.writeTextFile(`${dir}/own.json`, "{}");
 * if (Deno.build.os !== "windows") {
 *   await Deno.symlink(`${dir}/secret`, `${dir}/link.json`);
 *   await assert.rejects(readOwnFile(`${dir}/link.json`), RefusedFile);
 * }
 * assert.equal(new TextDecoder().decode(await readOwnFile(`${dir}/own.json`)), "{}");
 * await assert.rejects(readOwnFile(`${dir}/own.json`, 1), /over 1 bytes/);
 * ```
 */
export async function readOwnFile(path: string, maxBytes = 16 * 1024 * 1024): Promise<Uint8Array> {
  // A file replaced (atomically, by another caro) between the look and the
  // open is looked at again: that is a writer, not an attack.
  for (let round = 0;; round++) {
    const seen = await Deno.lstat(path);
    if (seen.isSymlink) throw new RefusedFile(path, "it is a symbolic link (not followed)");
    if (!seen.isFile) throw new RefusedFile(path, "not a plain file");
    if (seen.size > maxBytes) throw new RefusedFile(path, `it is over ${maxBytes} bytes`);
    using file = await Deno.open(path, { read: true });
    const opened = await file.stat();
    if (seen.ino !== null && (opened.ino !== seen.ino || opened.dev !== seen.dev)) {
      if (round < 10) continue;
      throw new RefusedFile(path, "it keeps being replaced while being opened");
    }
    const bytes = await readOpenFile(file, maxBytes);
    if (!bytes) throw new RefusedFile(path, `it is over ${maxBytes} bytes`);
    return bytes;
  }
}

/**
 * The rest of an open file, or `undefined` as soon as it passes `maxBytes`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readOpenFile } from "./own_file.ts";
 * const path = `${await Deno.makeTempDir()}/a`;
 * await Deno.writeTextFile(path, "abc");
 * using file = await Deno.open(path);
 * assert.equal(new TextDecoder().decode(await readOpenFile(file)), "abc");
 * ```
 */
export async function readOpenFile(
  file: Deno.FsFile,
  maxBytes = Infinity,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    const n = await file.read(buffer);
    if (n === null) break;
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(buffer.slice(0, n));
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * {@link readOwnFile} as UTF-8 text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readOwnTextFile } from "./own_file.ts";
 * const path = `${await Deno.makeTempDir()}/a.json`;
 * await Deno.writeTextFile(path, "{}");
 * assert.equal(await readOwnTextFile(path), "{}");
 * ```
 */
export async function readOwnTextFile(path: string, maxBytes?: number): Promise<string> {
  return new TextDecoder().decode(await readOwnFile(path, maxBytes));
}
