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
import { type ShellName, VERSION_IN_BINARY } from "./shell_version.ts";
import { cachedShellVersion } from "./shell_version_cache.ts";

/** Everything the shell probe found. */
export interface ShellFacts {
  name: ShellName;
  /** The shell's path as the environment gives it (scrub before showing). */
  path?: string;
  /** Absent for shells whose binary holds no version caro can read (sh, cmd, other). */
  version?: Collected<string>;
}

const KNOWN: readonly ShellName[] = ["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh"];

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
 * Finds the user's shell and reads its version from its binary, or from
 * `versionCache` (a file) when the binary is unchanged since the last run.
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
  versionCache?: string,
): Promise<Collected<ShellFacts>> {
  const found = await runProbe(() => Promise.resolve(findShell(deps)), timeoutMs, budget);
  if (!found.collected) return found;
  const { name, path } = found.value;
  if (!VERSION_IN_BINARY[name]) return found;
  const version = await runProbe(
    async () => {
      if (!path) throw new NotCollected("the shell's binary is not known (no path)");
      return await cachedShellVersion(deps, name, path, versionCache);
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
