/**
 * Everything the doctor's probes touch in the outside world, passed in:
 * environment, HTTP, subprocesses, files, clock and the running build. Tests
 * and library callers replace any part; {@link processProbeDeps} is the real
 * process.
 *
 * @module
 */
import { envGranted, type EnvReader, processEnv } from "../../platform/env.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";

/** What a finished subprocess gave back. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a binary by name with arguments; must stop (kill) when `signal` aborts. */
export type RunCommand = (
  binary: string,
  args: readonly string[],
  signal: AbortSignal,
) => Promise<CommandOutput>;

/** The running caro build, as the caro and platform probes see it. */
export interface BuildInfo {
  /** `Deno.build.os`: linux, darwin, windows, … */
  os: string;
  /** `Deno.build.arch`: x86_64, aarch64. */
  arch: string;
  /** `Deno.build.target`, e.g. x86_64-unknown-linux-gnu. */
  target: string;
  /** The executable running caro (`deno` under `deno run`, caro when compiled). */
  execPath: () => string;
  /** The kernel release (`Deno.osRelease()`, needs --allow-sys=osRelease). */
  osRelease: () => string;
  /** The current working directory. */
  cwd: () => string;
}

/**
 * Opens and closes a TCP connection: resolves when something listens,
 * rejects (Deno.errors.ConnectionRefused …) when nothing does.
 */
export type TcpReach = (hostname: string, port: number, signal: AbortSignal) => Promise<void>;

/** The outside world of one doctor run. */
export interface ProbeDeps {
  env: EnvReader;
  /** Whether `name` may be read; a denied variable is "not collected", not "unset". */
  envAllowed: (name: string) => boolean;
  fetch: typeof fetch;
  /** A cheap "is anything listening?" before an HTTP request (fetch's first use costs ms). */
  reach: TcpReach;
  run: RunCommand;
  readTextFile: (path: string) => Promise<string>;
  /** Reads a file's bytes (a shell's binary, searched for its version string). */
  readFile: (path: string) => Promise<Uint8Array>;
  /** A file's size and modification time (epoch ms, `null` where unknown), links followed. */
  stat: (path: string) => Promise<{ size: number; mtime: number | null }>;
  /** Writes one of caro's own small files atomically (the doctor's cache). */
  writeTextFile: (path: string, text: string) => Promise<void>;
  readDir: (path: string) => AsyncIterable<{ name: string; isFile: boolean }>;
  now: () => number;
  build: BuildInfo;
}

/**
 * Runs a binary with Deno.Command, killing it when `signal` aborts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denoRun } from "./probe_deps.ts";
 * const out = await denoRun("deno", ["--version"], AbortSignal.timeout(5000));
 * assert(out.code === 0);
 * ```
 */
export async function denoRun(
  binary: string,
  args: readonly string[],
  signal: AbortSignal,
): Promise<CommandOutput> {
  const out = await new Deno.Command(binary, {
    args: [...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal,
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/**
 * Connects with Deno.connect and closes at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denoReach } from "./probe_deps.ts";
 * const refused = await denoReach("127.0.0.1", 9, AbortSignal.timeout(500)).catch((e) => e);
 * assert(refused instanceof Error);
 * ```
 */
export async function denoReach(hostname: string, port: number, signal: AbortSignal) {
  const conn = await Deno.connect({ hostname, port, signal });
  conn.close();
}

/**
 * The real process: Deno's env (permission-aware), fetch, subprocesses,
 * files and clock.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const deps = processProbeDeps();
 * assert(deps.build.arch === Deno.build.arch);
 * ```
 */
export function processProbeDeps(): ProbeDeps {
  return {
    env: processEnv,
    envAllowed: envGranted,
    // Read on call: touching `globalThis.fetch` loads Deno's fetch and
    // streams code (~2 ms at start), and most runs never fetch.
    fetch: (input, init) => globalThis.fetch(input, init),
    reach: denoReach,
    run: denoRun,
    readTextFile: (path) => Deno.readTextFile(path),
    readFile: (path) => Deno.readFile(path),
    stat: async (path) => {
      const info = await Deno.stat(path);
      return { size: info.size, mtime: info.mtime?.getTime() ?? null };
    },
    writeTextFile: (path, text) => writeFileAtomic(path, new TextEncoder().encode(text)),
    readDir: (path) => Deno.readDir(path),
    now: Date.now,
    build: {
      os: Deno.build.os,
      arch: Deno.build.arch,
      target: Deno.build.target,
      execPath: () => Deno.execPath(),
      osRelease: () => Deno.osRelease(),
      cwd: () => Deno.cwd(),
    },
  };
}
