/**
 * Shell probe: which shell the user runs caro from (from `SHELL`, or on
 * Windows `PSModulePath` / `ComSpec`), its path and its version. The shell
 * is never run: a shell in `--allow-run` lets any code in the process do
 * anything (`bash -c`). Its version is read from the shell's own binary
 * instead (the version string compiled into it), which needs read access to
 * that one file: the usual paths are in the permission lists
 * ({@link SHELL_BINARY_PATHS}); anywhere else the version is "not collected".
 *
 * @module
 */
import { type Collected, NotCollected, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** Shells caro knows by name (the report's shell enum). */
export type ShellName = "bash" | "zsh" | "fish" | "pwsh" | "powershell" | "cmd" | "sh" | "other";

/** Everything the shell probe found. */
export interface ShellFacts {
  name: ShellName;
  /** The shell's path as the environment gives it (scrub before showing). */
  path?: string;
  /** Absent for shells whose binary holds no version caro can read (sh, cmd, other). */
  version?: Collected<string>;
}

const KNOWN: readonly ShellName[] = ["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh"];

/**
 * The version string each shell's binary carries: a marker, and the version
 * right after one of the marker's occurrences. The binary is searched as
 * bytes (decoding a 1.2 MB bash as text took ~10 ms of the doctor's start).
 */
const VERSION_IN_BINARY: Partial<Record<ShellName, { marker: string; version: RegExp }>> = {
  bash: { marker: "@(#)Bash version ", version: /^(\d+\.\d+(?:\.\d+)?)/ },
  zsh: { marker: "/zsh/", version: /^(\d+\.\d+(?:\.\d+)?)(?![\d.])/ },
  fish: { marker: "fish-", version: /^(\d+\.\d+\.\d+)(?![\d.])/ },
  pwsh: { marker: "PowerShell ", version: /^(\d+\.\d+\.\d+)/ },
};

/** How many bytes after a marker can hold the version. */
const VERSION_WINDOW = 24;

/** Where bash, zsh and fish usually live, per OS family: the files caro may read. */
export const SHELL_BINARY_PATHS: Readonly<Record<"linux" | "darwin", readonly string[]>> = {
  linux: [
    "/bin/bash",
    "/usr/bin/bash",
    "/bin/zsh",
    "/usr/bin/zsh",
    "/usr/bin/fish",
    "/usr/local/bin/bash",
    "/usr/local/bin/zsh",
    "/usr/local/bin/fish",
  ],
  darwin: [
    "/bin/bash",
    "/bin/zsh",
    "/opt/homebrew/bin/bash",
    "/opt/homebrew/bin/zsh",
    "/opt/homebrew/bin/fish",
    "/usr/local/bin/bash",
    "/usr/local/bin/zsh",
    "/usr/local/bin/fish",
  ],
};

/**
 * Finds the user's shell and reads its version from its binary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeShell } from "./shell_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const deps = { ...processProbeDeps(), env: () => undefined, envAllowed: () => true };
 * const facts = await probeShell(deps, 500);
 * assert(!facts.collected, "no SHELL, PSModulePath or ComSpec: not collected");
 * ```
 */
export async function probeShell(
  deps: ProbeDeps,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<Collected<ShellFacts>> {
  const found = await runProbe(() => Promise.resolve(findShell(deps)), timeoutMs, budget);
  if (!found.collected) return found;
  const { name, path } = found.value;
  if (!VERSION_IN_BINARY[name]) return found;
  const version = await runProbe(
    async () => {
      if (!path) throw new NotCollected("the shell's binary is not known (no path)");
      return shellVersionFromBinary(name, await deps.readFile(path));
    },
    timeoutMs,
    budget,
  );
  return { collected: true, value: { ...found.value, version } };
}
function findShell(deps: ProbeDeps): Omit<ShellFacts, "version"> {
  const shell = readAllowed(deps, "SHELL");
  if (shell) return { name: shellName(shell), path: shell };
  if (deps.build.os === "windows") {
    const modules = readAllowed(deps, "PSModulePath");
    if (modules) return { name: /PowerShell[\\/]7/i.test(modules) ? "pwsh" : "powershell" };
    const comspec = readAllowed(deps, "ComSpec");
    if (comspec) return { name: "cmd", path: comspec };
  }
  const names = deps.build.os === "windows" ? "SHELL, PSModulePath, ComSpec" : "SHELL";
  throw new NotCollected(`no shell in the environment (${names})`);
}

function readAllowed(deps: ProbeDeps, name: string): string | undefined {
  if (!deps.envAllowed(name)) {
    throw new NotCollected(`permission not granted (env access to ${name})`);
  }
  return deps.env(name) || undefined;
}

/**
 * The shell's name from its path: `/usr/bin/zsh` → `zsh`, `pwsh.exe` → `pwsh`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellName } from "./shell_probe.ts";
 * assert(shellName("/opt/homebrew/bin/fish") === "fish");
 * assert(shellName("C:\\Windows\\System32\\cmd.exe") === "cmd");
 * assert(shellName("/bin/tcsh") === "other");
 * ```
 */
export function shellName(path: string): ShellName {
  const base = path.split(/[\\/]/).at(-1)!.toLowerCase().replace(/\.exe$/, "");
  return KNOWN.find((name) => name === base) ?? "other";
}

/**
 * The version compiled into a shell's binary (its bytes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellVersionFromBinary } from "./shell_probe.ts";
 * const bytes = (text: string) => new TextEncoder().encode(text);
 * assert(shellVersionFromBinary("bash", bytes("\0@(#)Bash version 5.2.15(1) release\0")) === "5.2.15");
 * assert(shellVersionFromBinary("zsh", bytes("/zsh/functions\0/usr/lib/zsh/5.9\0")) === "5.9");
 * ```
 */
export function shellVersionFromBinary(name: ShellName, binary: Uint8Array): string {
  const pattern = VERSION_IN_BINARY[name];
  if (pattern) {
    const marker = new TextEncoder().encode(pattern.marker);
    const latin1 = new TextDecoder("latin1");
    for (
      let at = indexOfBytes(binary, marker, 0);
      at !== -1;
      at = indexOfBytes(binary, marker, at + 1)
    ) {
      const after = binary.subarray(at + marker.length, at + marker.length + VERSION_WINDOW);
      const version = pattern.version.exec(latin1.decode(after))?.[1];
      if (version) return version;
    }
  }
  throw new NotCollected("no version string found in the shell's binary");
}

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const last = haystack.length - needle.length;
  for (
    let at = haystack.indexOf(needle[0], from);
    at !== -1 && at <= last;
    at = haystack.indexOf(needle[0], at + 1)
  ) {
    let j = 1;
    while (j < needle.length && haystack[at + j] === needle[j]) j++;
    if (j === needle.length) return at;
  }
  return -1;
}
