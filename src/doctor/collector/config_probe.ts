/**
 * Config probe: caro's config file through the shared loader (found? valid?
 * which safety level?). Reading never throws; problems come back as data.
 * The loader is imported statically (it no longer pulls in `node:path`): in
 * the bundle, every dynamic import is one more module-loader round trip on
 * the doctor's critical path.
 *
 * @module
 */
import { loadConfig, type LoadedConfig, readUtf8 } from "../../config/load_config.ts";
import type { CaroDirs } from "../../platform/dirs.ts";
import { type Collected, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/**
 * Loads the config file the way every caro command does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeConfig } from "./config_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const dirs = { config: "/nowhere/caro", legacyConfig: "/nowhere/cmdai", data: "/d", cache: "/c" };
 * const loaded = await probeConfig(processProbeDeps(), dirs, 500);
 * assert(loaded.collected && loaded.value.source === "none");
 * ```
 */
export function probeConfig(
  deps: ProbeDeps,
  dirs: CaroDirs,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<Collected<LoadedConfig>> {
  return runProbe(
    () => loadConfig(dirs, (path) => readUtf8(path, deps.readFile)),
    timeoutMs,
    budget,
  );
}
