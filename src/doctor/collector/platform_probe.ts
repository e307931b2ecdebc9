/**
 * Platform probe: OS family and release (os-release on Linux, `sw_vers` on
 * macOS, the build number on Windows), kernel release, CPU architecture and,
 * on Linux, the C library (glibc or musl, from `ldd --version`).
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
export interface LibcInfo {
  family: "glibc" | "musl" | "other";
  version?: string;
}

/** Everything the platform probe found. */
export interface PlatformFacts {
  /** `Deno.build.os`. */
  os: string;
  arch: string;
  release: Collected<OsRelease>;
  kernel: Collected<string>;
  /** Linux only. */
  libc?: Collected<LibcInfo>;
}

/** Files holding a Linux distribution's name and version, in lookup order. */
export const OS_RELEASE_FILES = ["/etc/os-release", "/usr/lib/os-release"] as const;

/**
 * Collects the platform facts, each part with its own timeout.
 *
 * @example
 * ```ts
 * import { probePlatform } from "./platform_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const facts = await probePlatform(processProbeDeps(), 500);
 * console.assert(facts.arch === Deno.build.arch);
 * ```
 */
export async function probePlatform(
  deps: ProbeDeps,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<PlatformFacts> {
  const { os } = deps.build;
  const [release, kernel, libc] = await Promise.all([
    runProbe((signal) => readRelease(deps, signal), timeoutMs, budget),
    runProbe(() => Promise.resolve(deps.build.osRelease()), timeoutMs, budget),
    os === "linux" ? runProbe((signal) => readLibc(deps, signal), timeoutMs, budget) : undefined,
  ]);
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
 * import { parseOsRelease } from "./platform_probe.ts";
 * const r = parseOsRelease('NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="12"\n');
 * console.assert(r.name === "Debian GNU/Linux" && r.id === "debian" && r.version === "12");
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

async function readLibc(deps: ProbeDeps, signal: AbortSignal): Promise<LibcInfo> {
  const out = await deps.run("ldd", ["--version"], signal);
  return parseLddVersion(`${out.stdout}\n${out.stderr}`);
}

/**
 * Tells glibc from musl by what `ldd --version` prints.
 *
 * @example
 * ```ts
 * import { parseLddVersion } from "./platform_probe.ts";
 * console.assert(parseLddVersion("ldd (Debian GLIBC 2.36-9) 2.36").version === "2.36");
 * console.assert(parseLddVersion("musl libc (x86_64)\nVersion 1.2.4").family === "musl");
 * ```
 */
export function parseLddVersion(text: string): LibcInfo {
  if (/musl/i.test(text)) {
    return { family: "musl", version: /Version\s+(\d+(?:\.\d+)+)/.exec(text)?.[1] };
  }
  if (/glibc|gnu libc/i.test(text)) {
    return { family: "glibc", version: /\s(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1] };
  }
  return { family: "other" };
}
