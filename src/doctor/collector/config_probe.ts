/**
 * Config probe: caro's config file through the shared loader (found? valid?
 * which safety level?). Reading never throws; problems come back as data.
 * The loader is imported when the probe runs: it pulls in `node:path`, whose
 * first import sets up Node compatibility (~6 ms), and that should happen
 * while the doctor's subprocesses run, not before they start.
 *
 * @module
 */
import type { LoadedConfig } from "../../config/load_config.ts";
import type { CaroDirs } from "../../platform/dirs.ts";
import { type Collected, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/**
 * Loads the config file the way every caro command does.
 *
 * @example
 * ```ts
 * import { probeConfig } from "./config_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const dirs = { config: "/nowhere/caro", legacyConfig: "/nowhere/cmdai", data: "/d", cache: "/c" };
 * const loaded = await probeConfig(processProbeDeps(), dirs, 500);
 * console.assert(loaded.collected && loaded.value.source === "none");
 * ```
 */
export function probeConfig(
  deps: ProbeDeps,
  dirs: CaroDirs,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<Collected<LoadedConfig>> {
  return runProbe(
    async () => {
      const { loadConfig } = await import("../../config/load_config.ts");
      return loadConfig(dirs, deps.readTextFile);
    },
    timeoutMs,
    budget,
  );
}
