/**
 * Where caro keeps its files, per platform, without touching the file system.
 *
 * @module
 */
import { join } from "./path.ts";

/** The directories caro reads and writes. */
export interface CaroDirs {
  /** `config.toml` lives here. */
  config: string;
  /** The pre-rename location (`cmdai`), read when `config` has no file. */
  legacyConfig: string;
  /** Install keys, the report queue, cases, notices. */
  data: string;
  /** Downloaded models and other re-creatable files. */
  cache: string;
}

/** The environment variables {@link caroDirs} looks at. */
export const DIR_ENV_VARS = [
  "HOME",
  "USERPROFILE",
  "APPDATA",
  "LOCALAPPDATA",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "XDG_CACHE_HOME",
  "CARO_HOME",
] as const;

/** The operating systems caro distinguishes when placing files. */
export type DirsOs = "linux" | "darwin" | "windows" | string;

/**
 * Computes caro's directories from the environment: XDG on Linux and other
 * Unixes, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows.
 * `CARO_HOME` puts everything under one directory (tests, portable installs).
 *
 * @example Linux with XDG defaults
 * ```ts
 * import assert from "node:assert/strict";
 * import { caroDirs } from "./dirs.ts";
 * const dirs = caroDirs((name) => ({ HOME: "/home/ada" })[name], "linux");
 * assert(dirs.config === "/home/ada/.config/caro");
 * assert(dirs.data === "/home/ada/.local/share/caro");
 * ```
 */
export function caroDirs(env: (name: string) => string | undefined, os: DirsOs): CaroDirs {
  const caroHome = env("CARO_HOME");
  if (caroHome) {
    return {
      config: join(caroHome, "config"),
      legacyConfig: join(caroHome, "legacy-config"),
      data: join(caroHome, "data"),
      cache: join(caroHome, "cache"),
    };
  }
  const home = env("HOME") ?? env("USERPROFILE") ?? ".";
  const legacyConfig = join(env("XDG_CONFIG_HOME") ?? join(home, ".config"), "cmdai");
  if (os === "windows") {
    const roaming = env("APPDATA") ?? join(home, "AppData", "Roaming");
    const local = env("LOCALAPPDATA") ?? join(home, "AppData", "Local");
    return {
      config: join(roaming, "caro"),
      legacyConfig: join(roaming, "cmdai"),
      data: join(local, "caro", "data"),
      cache: join(local, "caro", "cache"),
    };
  }
  if (os === "darwin") {
    const support = join(home, "Library", "Application Support", "caro");
    return {
      // ~/.config/caro is what CARO users already have on macOS; keep it.
      config: join(env("XDG_CONFIG_HOME") ?? join(home, ".config"), "caro"),
      legacyConfig,
      data: support,
      cache: join(home, "Library", "Caches", "caro"),
    };
  }
  return {
    config: join(env("XDG_CONFIG_HOME") ?? join(home, ".config"), "caro"),
    legacyConfig,
    data: join(env("XDG_DATA_HOME") ?? join(home, ".local", "share"), "caro"),
    cache: join(env("XDG_CACHE_HOME") ?? join(home, ".cache"), "caro"),
  };
}
