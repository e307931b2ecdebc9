/**
 * Shell probe: which shell the user runs caro from (from `SHELL`, or on
 * Windows `PSModulePath` / `ComSpec`), its path and its version (by running
 * the shell by name with `--version`, so `--allow-run` can list it).
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
  /** Absent for shells caro cannot ask (sh, other). */
  version?: Collected<string>;
}

const KNOWN: readonly ShellName[] = ["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh"];

/** How to ask each shell for its version. */
const VERSION_COMMANDS: Partial<Record<ShellName, readonly string[]>> = {
  bash: ["--version"],
  zsh: ["--version"],
  fish: ["--version"],
  pwsh: ["-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"],
  powershell: ["-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"],
  cmd: ["/d", "/c", "ver"],
};

/**
 * Finds the user's shell and asks it for its version.
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
  const args = VERSION_COMMANDS[found.value.name];
  if (!args) return found;
  const version = await runProbe(
    async (signal) => {
      const out = await deps.run(found.value.name, args, signal);
      return parseShellVersion(`${out.stdout}\n${out.stderr}`);
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
 * The first version number in a shell's `--version` output.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseShellVersion } from "./shell_probe.ts";
 * assert(parseShellVersion("GNU bash, version 5.2.15(1)-release") === "5.2.15");
 * assert(parseShellVersion("zsh 5.9 (x86_64-debian-linux-gnu)") === "5.9");
 * ```
 */
export function parseShellVersion(text: string): string {
  const version = /(\d+\.\d+(?:\.\d+)*)/.exec(text)?.[1];
  if (!version) throw new NotCollected("the shell printed no version");
  return version;
}
