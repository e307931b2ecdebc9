/**
 * The I/O edge of the healing settings: finds caro's directories, reads the
 * config file and the environment, and warns once per problem on stderr,
 * one line each. A broken config never stops caro: the defaults apply to
 * whatever could not be read.
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import { formatConfigProblem, loadConfig, type LoadedConfig } from "../../config/load_config.ts";
import type { EnvReader } from "../../platform/env.ts";
import { type CaroDirs, caroDirs } from "../../platform/dirs.ts";
import { type HealingSettings, healingSettings } from "./healing_settings.ts";

/** What {@link loadHealingSettings} found. */
export interface LoadedHealingSettings {
  dirs: CaroDirs;
  loaded: LoadedConfig;
  settings: HealingSettings;
}

/**
 * Loads the effective healing settings and writes `warning: …` lines for a
 * malformed config (`file:line: key: message`) or an unusable env value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadHealingSettings } from "./load_healing_settings.ts";
 * const home = await Deno.makeTempDir();
 * const { settings } = await loadHealingSettings(
 *   (name) => name === "CARO_HOME" ? home : undefined,
 *   { isTerminal: false, write: () => {} },
 * );
 * assert(settings.enabled.value === true);
 * ```
 */
export async function loadHealingSettings(
  env: EnvReader,
  stderr: TextSink,
  os: string = Deno.build.os,
): Promise<LoadedHealingSettings> {
  const dirs = caroDirs(env, os);
  const loaded = await loadConfig(dirs);
  const { settings, problems } = healingSettings(loaded.config.healing, env);
  for (const problem of loaded.problems) {
    stderr.write(`warning: ${formatConfigProblem(problem)} (using the default)\n`);
  }
  for (const problem of problems) stderr.write(`warning: ${problem}\n`);
  return { dirs, loaded, settings };
}
