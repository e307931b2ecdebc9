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
import { keyLine } from "../../config/key_line.ts";

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
 * `[healing] enabled` fails closed: a value other than boolean `true` (`"false"`,
 * `0`, `"no"`, `False`: the last one makes the whole file invalid TOML) disables
 * sending unless the environment says `CARO_HEALING_ENABLED=true`; its warning
 * line ends in `(sending disabled)` instead of `(using the default)`.
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
  const unreadableEnabled = await enabledUnreadable(loaded);
  if (unreadableEnabled && settings.enabled.source !== "env") {
    settings.enabled = { value: false, source: "file", origin: "healing.enabled" };
  }
  for (const problem of loaded.problems) {
    const disables = unreadableEnabled && settings.enabled.source === "file" &&
      (problem.key === "healing.enabled" || problem.key === undefined);
    const outcome = disables ? "sending disabled" : "using the default";
    stderr.write(`warning: ${formatConfigProblem(problem)} (${outcome})\n`);
  }
  for (const problem of problems) stderr.write(`warning: ${problem}\n`);
  return { dirs, loaded, settings };
}

/**
 * Whether the file spells out `[healing] enabled` with a value caro could not
 * read as boolean `true`: a problem on that key, or a file that is not valid
 * TOML whose `enabled` line is not plainly `enabled = true`.
 */
async function enabledUnreadable(loaded: LoadedConfig): Promise<boolean> {
  if (loaded.problems.some((problem) => problem.key === "healing.enabled")) return true;
  if (!loaded.path || !loaded.problems.some((problem) => problem.key === undefined)) return false;
  const text = await Deno.readTextFile(loaded.path).catch(() => undefined);
  if (text === undefined) return false;
  const line = keyLine(text, "healing", "enabled");
  if (line === undefined) return false;
  return !/^\s*["']?enabled["']?\s*=\s*true\s*(#.*)?$/.test(text.split("\n")[line - 1]);
}
