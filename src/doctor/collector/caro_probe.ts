/**
 * caro probe: this caro's version and build target, whether it runs as a
 * compiled binary or under `deno run`, and its install path as a keyed hash
 * (the path itself usually holds the user's name).
 *
 * @module
 */
import { CARO_VERSION } from "../../version.ts";
import { type Collected, type Hasher, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** How caro was started. */
export type InstallKind = "standalone" | "deno_run";

/** Everything the caro probe found. */
export interface CaroFacts {
  version: string;
  target: string;
  install: Collected<InstallKind>;
  /** The executable's path, hashed with the install key. */
  installPathHash: Collected<string>;
}

/**
 * Collects the caro facts; `hash` hashes with the install's key (or says why
 * there is no key).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeCaro } from "./caro_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const facts = await probeCaro(processProbeDeps(), { collected: false, why: "no key" }, 100);
 * assert(facts.install.collected && facts.install.value === "deno_run");
 * ```
 */
export async function probeCaro(
  deps: ProbeDeps,
  hash: Collected<Hasher>,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<CaroFacts> {
  const execPath = await runProbe(() => Promise.resolve(deps.build.execPath()), timeoutMs, budget);
  const installPathHash: Collected<string> = !hash.collected
    ? hash
    : !execPath.collected
    ? execPath
    : await runProbe(() => hash.value(execPath.value), timeoutMs, budget);
  return {
    version: CARO_VERSION,
    target: deps.build.target,
    install: execPath.collected
      ? { collected: true, value: installKind(execPath.value) }
      : execPath,
    installPathHash,
  };
}

/**
 * A compiled caro runs as its own executable; from source the executable is deno.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { installKind } from "./caro_probe.ts";
 * assert(installKind("/usr/local/bin/deno") === "deno_run");
 * assert(installKind("C:\\tools\\caro.exe") === "standalone");
 * ```
 */
export function installKind(execPath: string): InstallKind {
  const base = execPath.split(/[\\/]/).at(-1)!.toLowerCase();
  return base === "deno" || base === "deno.exe" ? "deno_run" : "standalone";
}
