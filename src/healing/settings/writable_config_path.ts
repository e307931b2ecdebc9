/**
 * Where caro writes config changes (a remembered A/V, `caro config set`):
 * always caro's own `config.toml`. When the settings still come from the
 * legacy `cmdai` file, its text is copied over first (mode 0600), so the new
 * file keeps every setting the old one had instead of shadowing it; the
 * legacy directory is only ever read.
 *
 * @module
 */
import { dirname, join } from "../../platform/path.ts";
import { CONFIG_FILE_NAME, type LoadedConfig } from "../../config/load_config.ts";
import type { CaroDirs } from "../../platform/dirs.ts";

/**
 * The config file to update, migrating the legacy file's text when needed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writableConfigPath } from "./writable_config_path.ts";
 * const home = await Deno.makeTempDir();
 * const dirs = { config: `${home}/caro`, legacyConfig: `${home}/cmdai`, data: home, cache: home };
 * assert(await writableConfigPath(dirs, { source: "none", config: {} as never, problems: [] }) === `${home}/caro/config.toml`);
 * ```
 */
export async function writableConfigPath(dirs: CaroDirs, loaded: LoadedConfig): Promise<string> {
  const path = join(dirs.config, CONFIG_FILE_NAME);
  if (loaded.source !== "legacy" || loaded.path === undefined) return path;
  const text = await Deno.readTextFile(loaded.path);
  await Deno.mkdir(dirname(path), { recursive: true });
  try {
    await Deno.writeTextFile(path, text, { mode: 0o600, createNew: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
  }
  return path;
}
