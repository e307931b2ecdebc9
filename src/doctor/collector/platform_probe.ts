/**
 * Platform probe: OS family and release (os-release on Linux, `sw_vers` on
 * macOS, the build number on Windows), kernel release, CPU architecture and,
 * on Linux, the C library caro was built for (a glibc build only runs where
 * glibc is, so the build target answers without running `ldd`).
 *
 * @module
 */
import { type Collected, NotCollected, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** What the OS says about itself. */
export interface OsRelease {
  /** Distribution or product name: "Debian GNU/Linux", "macOS", "Windows". */
  name?: string;
  /** Machine-friendly id: "debian", "ubuntu", "macos", "windows". */
  id?: string;
  /** "12", "14.5", "10.0.22631". */
  version?: string;
}

/** The C library of a Linux system. */
export type Libc = "glibc" | "musl" | "other";

/** Everything the platform probe found. */
export interface PlatformFacts {
  /** `Deno.build.os`. */
  os: string;
  arch: string;
  release: Collected<OsRelease>;
  kernel: Collected<string>;
  /** Linux only. */
  libc?: Libc;
}

/** Files holding a Linux distribution's name and version, in lookup order. */
export const OS_RELEASE_FILES = ["/etc/os-release", "/usr/lib/os-release"] as const;

/**
 * Collects the platform facts, each part with its own timeout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probePlatform } from "./platform_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const facts = await probePlatform(processProbeDeps(), 500);
 * assert(facts.arch === Deno.build.arch);
 * ```
 */
export async function probePlatform(
  deps: ProbeDeps,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<PlatformFacts> {
  const { os } = deps.build;
  const [release, kernel] = await Promise.all([
    runProbe((signal) => readRelease(deps, signal), timeoutMs, budget),
    runProbe(() => Promise.resolve(deps.build.osRelease()), timeoutMs, budget),
  ]);
  const libc = os === "linux" ? libcOfTarget(deps.build.target) : undefined;
  return { os, arch: deps.build.arch, release, kernel, ...(libc ? { libc } : {}) };
}

async function readRelease(deps: ProbeDeps, signal: AbortSignal): Promise<OsRelease> {
  if (deps.build.os === "darwin") {
    const out = await deps.run("sw_vers", ["-productVersion"], signal);
    return { name: "macOS", id: "macos", version: out.stdout.trim() || undefined };
  }
  if (deps.build.os === "windows") {
    return { name: "Windows", id: "windows", version: deps.build.osRelease() };
  }
  let lastError: unknown = new NotCollected("no os-release file");
  for (const file of OS_RELEASE_FILES) {
    try {
      return parseOsRelease(await deps.readTextFile(file));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Parses an os-release file (`KEY="value"` lines).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOsRelease } from "./platform_probe.ts";
 * const r = parseOsRelease('NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="12"\n');
 * assert(r.name === "Debian GNU/Linux" && r.id === "debian" && r.version === "12");
 * ```
 */
export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1], match[2].replace(/^(["'])(.*)\1$/, "$2"));
  }
  return {
    name: fields.get("NAME"),
    id: fields.get("ID"),
    version: fields.get("VERSION_ID") ?? fields.get("BUILD_ID"),
  };
}

/**
 * The C library a build target links against.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { libcOfTarget } from "./platform_probe.ts";
 * assert(libcOfTarget("x86_64-unknown-linux-gnu") === "glibc");
 * assert(libcOfTarget("aarch64-unknown-linux-musl") === "musl");
 * ```
 */
export function libcOfTarget(target: string): Libc {
  if (target.endsWith("-gnu")) return "glibc";
  return target.endsWith("-musl") ? "musl" : "other";
}
