/**
 * The I/O edge of the healing settings: finds caro's directories, reads the
 * config file and the environment, and warns once per problem on stderr,
 * one line each. A broken config never stops caro: the defaults apply to
 * whatever could not be read, except that sending fails closed (see
 * {@link loadHealingSettings}).
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import {
  type ConfigProblem,
  formatConfigProblem,
  loadConfig,
  type LoadedConfig,
} from "../../config/load_config.ts";
import type { EnvReader } from "../../platform/env.ts";
import { type CaroDirs, caroDirs } from "../../platform/dirs.ts";
import { type HealingSettings, healingSettings, type Setting } from "./healing_settings.ts";

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
 * Sending fails closed unless the environment decides (`CARO_HEALING_ENABLED`
 * set and not empty):
 * - `[healing] enabled` with a value other than boolean `true` (`"false"`,
 *   `0`, `"no"`) disables it; its warning ends in `(sending disabled)`;
 * - a config file that exists but cannot be read (not TOML, not UTF-8, a
 *   directory, no permission) or whose `healing` is not a table disables it
 *   too, since it may say `enabled = false`: `enabled` is then `false` with
 *   the file's path as its origin, and the one warning line ends in
 *   `(sending disabled until the file is fixed)`.
 *
 * Every other problem ends in `(using the default)`.
 *
 * @example A fresh install sends (after consent)
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
 *
 * @example A file that is not TOML disables sending, in one warning line
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadHealingSettings } from "./load_healing_settings.ts";
 * const home = await Deno.makeTempDir();
 * await Deno.mkdir(`${home}/config`);
 * await Deno.writeTextFile(`${home}/config/config.toml`, "[healing\nenabled = false\n");
 * const warnings: string[] = [];
 * const { settings } = await loadHealingSettings(
 *   (name) => name === "CARO_HOME" ? home : undefined,
 *   { isTerminal: false, write: (text) => void warnings.push(text) },
 * );
 * assert.deepEqual(settings.enabled, {
 *   value: false, source: "file", origin: `${home}/config/config.toml`,
 * });
 * assert.equal(warnings.length, 1);
 * assert.match(warnings[0], /:1: not valid TOML: .* \(sending disabled until the file is fixed\)\n$/);
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
  const disabledBy = settings.enabled.source === "env" ? undefined : failClosed(loaded);
  if (disabledBy) settings.enabled = disabledBy.enabled;
  for (const problem of loaded.problems) {
    const outcome = problem === disabledBy?.problem ? disabledBy.outcome : "using the default";
    stderr.write(`warning: ${formatConfigProblem(problem)} (${outcome})\n`);
  }
  for (const problem of problems) stderr.write(`warning: ${problem}\n`);
  return { dirs, loaded, settings };
}

/** A config problem that turns sending off, and how its warning line ends. */
interface FailedClosed {
  problem: ConfigProblem;
  enabled: Setting<boolean>;
  outcome: string;
}

/**
 * The problem in `loaded` that turns sending off, if any: the whole file or
 * its `healing` table could not be read (a problem without a key, or on the
 * key `healing`), or `healing.enabled` has a value that is not a boolean.
 */
function failClosed(loaded: LoadedConfig): FailedClosed | undefined {
  const unreadable = loaded.problems.find((p) => p.key === undefined || p.key === "healing");
  if (unreadable) {
    return {
      problem: unreadable,
      enabled: { value: false, source: "file", origin: unreadable.file },
      outcome: "sending disabled until the file is fixed",
    };
  }
  const enabled = loaded.problems.find((p) => p.key === "healing.enabled");
  if (enabled) {
    return {
      problem: enabled,
      enabled: { value: false, source: "file", origin: "healing.enabled" },
      outcome: "sending disabled",
    };
  }
  return undefined;
}
