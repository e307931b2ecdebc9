/**
 * The shell's version, remembered between doctor runs. Reading it from the
 * shell's binary (see {@link shellVersionFromBinary}) means reading 1–2 MB
 * on every run; the binary's size and modification time say whether the
 * version found last time still holds, for the price of one `stat`.
 *
 * The cache is one small file in caro's cache dir, rewritten when the shell
 * changes. A cached version that is not a plain version number is ignored,
 * so an edited cache cannot put other text into a report.
 *
 * @module
 */
import { type ShellName, shellVersionFromBinary } from "./shell_version.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** The cache file's name inside caro's cache dir. */
export const SHELL_VERSION_CACHE = "shell_version.json";

/** What identifies one build of a shell on disk. */
interface ShellBuild {
  name: ShellName;
  path: string;
  size: number;
  mtime: number | null;
}

const PLAIN_VERSION = /^\d{1,4}(\.\d{1,4}){1,3}$/;

/**
 * The version of the shell at `path`: from `cacheFile` when the binary is
 * unchanged since it was written, else read from the binary (and the cache
 * rewritten; a cache that cannot be written is no error).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cachedShellVersion } from "./shell_version_cache.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const dir = await Deno.makeTempDir();
 * const shell = `${dir}/bash`;
 * await Deno.writeTextFile(shell, "\0@(#)Bash version 5.2.15(1) release\0");
 * const cache = `${dir}/cache.json`;
 * const deps = processProbeDeps();
 * assert.equal(await cachedShellVersion(deps, "bash", shell, cache), "5.2.15");
 * assert.match(await Deno.readTextFile(cache), /"version":"5\.2\.15"/);
 * const readNothing = { ...deps, readFile: () => Promise.reject(new Error("not read")) };
 * assert.equal(await cachedShellVersion(readNothing, "bash", shell, cache), "5.2.15");
 * ```
 */
export async function cachedShellVersion(
  deps: ProbeDeps,
  name: ShellName,
  path: string,
  cacheFile: string | undefined,
): Promise<string> {
  const info = await deps.stat(path);
  const build: ShellBuild = { name, path, size: info.size, mtime: info.mtime };
  if (cacheFile) {
    const cached = cachedVersionOf(await deps.readTextFile(cacheFile).catch(() => ""), build);
    if (cached) return cached;
  }
  const version = shellVersionFromBinary(name, await deps.readFile(path));
  if (cacheFile) {
    await deps.writeTextFile(cacheFile, JSON.stringify({ ...build, version })).catch(() => {});
  }
  return version;
}

/** The cached version when `text` was written for exactly `build`. */
function cachedVersionOf(text: string, build: ShellBuild): string | undefined {
  let cached: Record<string, unknown>;
  try {
    cached = JSON.parse(text);
  } catch {
    return undefined;
  }
  const same = cached !== null && typeof cached === "object" &&
    (Object.keys(build) as (keyof ShellBuild)[]).every((key) => cached[key] === build[key]);
  const version = same ? cached.version : undefined;
  return typeof version === "string" && PLAIN_VERSION.test(version) ? version : undefined;
}
