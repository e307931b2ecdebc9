/**
 * Where caro keeps its files, per platform, without touching the file system.
 * A directory whose place depends on the home directory is unknown when no
 * home is set: caro never guesses one (the current directory least of all),
 * and asking for that directory's path throws {@link HomeUnknown}.
 *
 * @module
 */
import { CaroError } from "../errors.ts";
import { join } from "./path.ts";

/**
 * The directories caro reads and writes. Reading a directory that is unknown
 * (it lies under a home directory that is not set) throws {@link HomeUnknown};
 * {@link knownDir} asks without throwing.
 */
export interface CaroDirs {
  /** `config.toml` lives here. */
  readonly config: string;
  /** The pre-rename location (`cmdai`), read when `config` has no file. */
  readonly legacyConfig: string;
  /** Install keys, the report queue, cases, notices. */
  readonly data: string;
  /** Downloaded models and other re-creatable files. */
  readonly cache: string;
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
 * One of caro's directories is needed, and it lies under a home directory
 * that is not set (no `HOME` or `USERPROFILE`, no `CARO_HOME`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HomeUnknown } from "./dirs.ts";
 * assert.equal(new HomeUnknown().exitCode, 1);
 * ```
 */
export class HomeUnknown extends CaroError {
  /** The one line every command that needs caro's directories fails with. */
  constructor() {
    super("caro cannot find your home directory: set HOME (or CARO_HOME)");
    this.name = "HomeUnknown";
  }
}

/**
 * Computes caro's directories from the environment: XDG on Linux and other
 * Unixes, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows.
 * `CARO_HOME` puts everything under one directory (tests, portable installs).
 * An empty variable counts as unset, and so does a relative home or XDG
 * directory (the XDG spec says to ignore one): a relative path would put
 * caro's files wherever it happens to run. Never throws; a directory that
 * needs the home directory when none is set throws {@link HomeUnknown} when
 * read.
 *
 * @example Linux with XDG defaults
 * ```ts
 * import assert from "node:assert/strict";
 * import { caroDirs } from "./dirs.ts";
 * const dirs = caroDirs((name) => ({ HOME: "/home/ada" })[name], "linux");
 * assert(dirs.config === "/home/ada/.config/caro");
 * assert(dirs.data === "/home/ada/.local/share/caro");
 * ```
 *
 * @example No home: the directories are unknown, never the current one
 * ```ts
 * import assert from "node:assert/strict";
 * import { caroDirs, HomeUnknown } from "./dirs.ts";
 * const dirs = caroDirs((name) => ({ HOME: "", XDG_CONFIG_HOME: "/etc/xdg" })[name], "linux");
 * assert.equal(dirs.config, "/etc/xdg/caro");
 * assert.throws(() => dirs.data, HomeUnknown);
 * ```
 */
export function caroDirs(env: (name: string) => string | undefined, os: DirsOs): CaroDirs {
  const caroHome = env("CARO_HOME") || undefined;
  if (caroHome) {
    return {
      config: join(caroHome, "config"),
      legacyConfig: join(caroHome, "legacy-config"),
      data: join(caroHome, "data"),
      cache: join(caroHome, "cache"),
    };
  }
  const absolute = (name: string) => {
    const value = env(name);
    return value && isAbsolutePath(value) ? value : undefined;
  };
  const home = absolute("HOME") ?? absolute("USERPROFILE");
  /** `parts` under a base directory, `undefined` when the base is unknown. */
  const under = (base: string | undefined, ...parts: string[]) =>
    base === undefined ? undefined : join(base, ...parts);
  const xdgConfig = absolute("XDG_CONFIG_HOME") ?? under(home, ".config");
  if (os === "windows") {
    const roaming = absolute("APPDATA") ?? under(home, "AppData", "Roaming");
    const local = absolute("LOCALAPPDATA") ?? under(home, "AppData", "Local");
    return lazyDirs({
      config: under(roaming, "caro"),
      legacyConfig: under(roaming, "cmdai"),
      data: under(local, "caro", "data"),
      cache: under(local, "caro", "cache"),
    });
  }
  if (os === "darwin") {
    return lazyDirs({
      // ~/.config/caro is what CARO users already have on macOS; keep it.
      config: under(xdgConfig, "caro"),
      legacyConfig: under(xdgConfig, "cmdai"),
      data: under(home, "Library", "Application Support", "caro"),
      cache: under(home, "Library", "Caches", "caro"),
    });
  }
  return lazyDirs({
    config: under(xdgConfig, "caro"),
    legacyConfig: under(xdgConfig, "cmdai"),
    data: under(absolute("XDG_DATA_HOME") ?? under(home, ".local", "share"), "caro"),
    cache: under(absolute("XDG_CACHE_HOME") ?? under(home, ".cache"), "caro"),
  });
}

/**
 * The path of one of caro's directories, or `undefined` when it is unknown
 * (see {@link HomeUnknown}): for the few places that carry on without it
 * (the doctor, the permission flags, the config file lookup).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caroDirs, knownDir } from "./dirs.ts";
 * const dirs = caroDirs(() => undefined, "linux");
 * assert.equal(knownDir(dirs, "config"), undefined);
 * assert.equal(knownDir(caroDirs(() => "/c", "linux"), "data"), "/c/data");
 * ```
 */
export function knownDir(dirs: CaroDirs, name: keyof CaroDirs): string | undefined {
  try {
    return dirs[name];
  } catch (error) {
    if (error instanceof HomeUnknown) return undefined;
    throw error;
  }
}

/** Whether a path is absolute on any OS caro runs on (`/…`, `\\\\server`, `C:\\`). */
function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\\\") || /^[A-Za-z]:[\\/]/.test(path);
}

/** Directories whose unknown ones (`undefined`) throw {@link HomeUnknown} when read. */
function lazyDirs(paths: Record<keyof CaroDirs, string | undefined>): CaroDirs {
  const dirs = {} as CaroDirs;
  for (const [name, path] of Object.entries(paths)) {
    Object.defineProperty(dirs, name, {
      enumerable: true,
      get: () => {
        if (path === undefined) throw new HomeUnknown();
        return path;
      },
    });
  }
  return dirs;
}
