/**
 * THE one place caro's Deno permission flags are defined. The `caro` task
 * (via tools/caro.ts), the compile tasks (tools/compile.ts), the release
 * workflow (generated from here by tools/release_workflow.ts), the bench and
 * the permission tests all read these lists; nothing else spells a flag.
 *
 * Two forms of the same lists:
 * - {@link exactPermissionFlags}: read/write limited to caro's own config,
 *   legacy config, data and cache dirs as computed for THIS user at launch.
 * - {@link bakedPermissionFlags}: what a compiled binary embeds. The home
 *   directory is unknown at compile time and Deno neither expands `~` nor
 *   `$HOME` in baked flags, so read/write are granted on the OS's home root
 *   (`/home`,`/root` · `/Users` · `C:\Users`) instead: the closest static
 *   equivalent. Everything else (env, run, net, sys, OS files) is identical.
 *
 * @module
 */
import { type CaroDirs, caroDirs, DIR_ENV_VARS, knownDir } from "../platform/dirs.ts";
import {
  DOCTOR_ENV_VARS,
  DOCTOR_NET_HOSTS,
  DOCTOR_READ_PATHS,
  DOCTOR_RUN_BINARIES,
  DOCTOR_SYS_NAMES,
} from "../doctor/collector/needs.ts";
import { DEFAULT_HEALING_ENDPOINT, HEALING_ENV_VARS } from "../healing/settings/healing_env.ts";

/** One release target: Rust-style triple, short task name, OS, CI runner. */
export interface CompileTarget {
  /** Short name used in task names and assets: `compile:linux-x64`. */
  name: string;
  /** The `deno compile --target` triple. */
  triple: string;
  /** The OS family, as {@link caroDirs} names it. */
  os: "linux" | "darwin" | "windows";
  /** A GitHub Actions runner that runs the binary natively (for the smoke test). */
  runner: string;
  /** Executable suffix. */
  suffix: "" | ".exe";
}

/** The five release targets. */
export const COMPILE_TARGETS: readonly CompileTarget[] = [
  {
    name: "linux-x64",
    triple: "x86_64-unknown-linux-gnu",
    os: "linux",
    runner: "ubuntu-latest",
    suffix: "",
  },
  {
    name: "linux-arm64",
    triple: "aarch64-unknown-linux-gnu",
    os: "linux",
    runner: "ubuntu-24.04-arm",
    suffix: "",
  },
  {
    name: "macos-x64",
    triple: "x86_64-apple-darwin",
    os: "darwin",
    runner: "macos-13",
    suffix: "",
  },
  {
    name: "macos-arm64",
    triple: "aarch64-apple-darwin",
    os: "darwin",
    runner: "macos-latest",
    suffix: "",
  },
  {
    name: "windows-x64",
    triple: "x86_64-pc-windows-msvc",
    os: "windows",
    runner: "windows-latest",
    suffix: ".exe",
  },
];

/** Environment variables the CLI itself reads (colour, CI detection, opt-outs). */
export const CLI_ENV_VARS = ["NO_COLOR", "CI", "DO_NOT_TRACK", "TERM"] as const;

/**
 * Binaries caro runs on each OS, by name (PATH lookup at start-up): the
 * doctor's. Never a shell or an interpreter (see `DOCTOR_RUN_BINARIES`).
 */
export const RUN_BINARIES: Record<CompileTarget["os"], readonly string[]> = DOCTOR_RUN_BINARIES;

/** Read-only OS files caro looks at (release name): the doctor's. */
export const OS_READ_PATHS: Record<CompileTarget["os"], readonly string[]> = DOCTOR_READ_PATHS;

/** `--allow-sys` names: OS release for the doctor's platform section. */
export const SYS_NAMES: readonly string[] = DOCTOR_SYS_NAMES;

/**
 * Hosts the CLI may connect to: the default healing endpoint (HTTPS) and the
 * local LLM backends' default ports the doctor probes.
 */
export const NET_HOSTS: readonly string[] = [
  `${new URL(DEFAULT_HEALING_ENDPOINT).hostname}:443`,
  ...DOCTOR_NET_HOSTS,
];

/** Where the home directories live on each OS: the baked read/write grant. */
export const HOME_ROOTS: Record<CompileTarget["os"], readonly string[]> = {
  linux: ["/home", "/root"],
  darwin: ["/Users"],
  windows: ["C:\\Users"],
};

/** Every variable the CLI may read: the `--allow-env` list. */
export const CLI_ALLOWED_ENV: readonly string[] = [
  ...new Set<string>([
    ...CLI_ENV_VARS,
    ...DIR_ENV_VARS,
    ...DOCTOR_ENV_VARS,
    ...HEALING_ENV_VARS,
  ]),
];

/**
 * The permission flags for given read/write roots (plus read-only ones and
 * the OS files): everything but the file-system roots is the same in every
 * form.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { permissionFlags } from "./permissions.ts";
 * const flags = permissionFlags("linux", ["/home/ada/.config/caro"]);
 * assert(flags.includes("--allow-write=/home/ada/.config/caro"));
 * ```
 */
export function permissionFlags(
  os: CompileTarget["os"],
  writable: readonly string[],
  readOnly: readonly string[] = [],
  extraHosts: readonly string[] = [],
  writeOnly: readonly string[] = [],
): string[] {
  // `--allow-read=` / `--allow-write=` with an empty list are errors; `--deny-…` keeps the place.
  const readable = [...writable, ...readOnly, ...OS_READ_PATHS[os]];
  const writes = [...writable, ...writeOnly];
  return [
    readable.length > 0 ? `--allow-read=${readable.join(",")}` : "--deny-read",
    writes.length > 0 ? `--allow-write=${writes.join(",")}` : "--deny-write",
    `--allow-env=${CLI_ALLOWED_ENV.join(",")}`,
    // `--allow-run=` with an empty list is an error; `--deny-run` keeps the flag's place.
    RUN_BINARIES[os].length > 0 ? `--allow-run=${RUN_BINARIES[os].join(",")}` : "--deny-run",
    `--allow-net=${[...new Set([...NET_HOSTS, ...extraHosts])].join(",")}`,
    `--allow-sys=${SYS_NAMES.join(",")}`,
  ];
}

/**
 * The flags a compiled binary for `target` embeds: read/write on the OS's
 * home root (the user's home is unknown at compile time).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakedPermissionFlags, COMPILE_TARGETS } from "./permissions.ts";
 * const flags = bakedPermissionFlags(COMPILE_TARGETS[0]);
 * assert(flags[1] === "--allow-write=/home,/root");
 * ```
 */
export function bakedPermissionFlags(target: CompileTarget): string[] {
  return permissionFlags(target.os, HOME_ROOTS[target.os]);
}

/** What the launcher adds to the exact flags for one run. */
export interface LaunchGrants {
  /** The configured healing endpoint (`[healing] endpoint` in config.toml), if any. */
  endpoint?: string;
  /** Files named on the command line to read (`caro sanitize FILE`, `--submit FILE`). */
  read?: readonly string[];
  /** Files named on the command line to write (`--export FILE`). */
  write?: readonly string[];
}

/**
 * The exact flags for this user and OS: read/write only on caro's own dirs,
 * computed the way the CLI computes them ({@link caroDirs}; a dir that is
 * unknown for want of a home directory is granted nowhere), plus read-only
 * access to `codeDirs` (where the program's own modules live, if any of them
 * is read at run time), plus what the launcher grants for one run
 * ({@link LaunchGrants}: the configured endpoint's host, the named files).
 *
 * @example The launcher's grants for one run
 * ```ts
 * import assert from "node:assert/strict";
 * import { exactPermissionFlags } from "./permissions.ts";
 * const flags = exactPermissionFlags((n) => ({ CARO_HOME: "/tmp/c" })[n], "linux", [], {
 *   endpoint: "http://127.0.0.1:8787",
 *   read: ["/media/usb/notes.txt"],
 *   write: ["/media/usb/report.json"],
 * });
 * assert(flags[0].includes(",/media/usb/notes.txt,"));
 * assert(flags[1].endsWith(",/media/usb/report.json"));
 * assert(flags[4].endsWith(",127.0.0.1:8787"));
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exactPermissionFlags } from "./permissions.ts";
 * const flags = exactPermissionFlags((n) => ({ CARO_HOME: "/tmp/c" })[n], "linux");
 * assert(flags[1] === "--allow-write=/tmp/c/config,/tmp/c/data,/tmp/c/cache");
 * ```
 *
 * @example No home directory: caro's dirs are granted nowhere
 * ```ts
 * import assert from "node:assert/strict";
 * import { exactPermissionFlags } from "./permissions.ts";
 * const flags = exactPermissionFlags(() => undefined, "linux");
 * assert.equal(flags[1], "--deny-write");
 * ```
 */
export function exactPermissionFlags(
  env: (name: string) => string | undefined,
  os: CompileTarget["os"],
  codeDirs: readonly string[] = [],
  launch: LaunchGrants = {},
): string[] {
  const dirs = caroDirs(env, os);
  // A dir that is unknown (no home directory) is granted nowhere: caro then refuses to run
  // any command that needs it.
  const known = (names: (keyof CaroDirs)[]) =>
    names.map((name) => knownDir(dirs, name)).filter((dir) => dir !== undefined);
  const hosts = [env("CARO_HEALING_ENDPOINT"), launch.endpoint].map(endpointHost);
  return permissionFlags(
    os,
    known(["config", "data", "cache"]),
    [...known(["legacyConfig"]), ...codeDirs, ...launch.read ?? []],
    hosts.filter((host) => host !== undefined),
    launch.write ?? [],
  );
}

/**
 * Deno's switch that loads a dynamic `import()`'s module graph when the
 * `import()` runs instead of at start-up. Without it, `deno run` reads and
 * parses every chunk of the bundle before the first line runs, so
 * `caro --version` would pay for the service client, zod and commander.
 */
export const LAZY_IMPORTS_FLAG = "--unstable-lazy-dynamic-imports";

/**
 * No config file: the bundle imports nothing but its own chunks and `node:`
 * built-ins, so a `deno.json` found above wherever it lies (a source tree, a
 * user's own project) has nothing to say to it; looking for one (and its
 * lock file and import map) cost ~1.5 ms of every start.
 */
export const NO_CONFIG_FLAG = "--no-config";

/**
 * The flags to run the bundled CLI (`dist/caro/main.js`) with `deno run`:
 * the exact permissions, lazy dynamic imports, no config file, and read
 * access to the bundle's own directory, which lazily imported chunks need (a
 * chunk read at run time goes through `--allow-read`). The compile tasks use neither: a
 * binary embeds every chunk (statically analyzable dynamic imports are
 * included by `deno compile`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bundleRunFlags, LAZY_IMPORTS_FLAG, NO_CONFIG_FLAG } from "./permissions.ts";
 * const flags = bundleRunFlags((n) => ({ CARO_HOME: "/tmp/c" })[n], "linux", "/opt/caro");
 * assert(flags[0] === LAZY_IMPORTS_FLAG && flags[1] === NO_CONFIG_FLAG);
 * assert(flags[2].includes(",/opt/caro,"));
 * ```
 */
export function bundleRunFlags(
  env: (name: string) => string | undefined,
  os: CompileTarget["os"],
  bundleDir: string,
): string[] {
  return [LAZY_IMPORTS_FLAG, NO_CONFIG_FLAG, ...exactPermissionFlags(env, os, [bundleDir])];
}

/**
 * The variables the `caro` task's launcher reads to compute the exact flags:
 * the directory variables and a custom healing endpoint; and `INIT_CWD`,
 * where `deno task caro` was typed (the task itself runs in the repository).
 */
export const LAUNCHER_ENV_VARS: readonly string[] = [
  ...DIR_ENV_VARS,
  "CARO_HEALING_ENDPOINT",
  "INIT_CWD",
];

/**
 * The launcher's own flags (tools/caro.ts, as the `caro` task and
 * `deno task install` run it): it reads the directory variables, the config
 * file (for the endpoint) and resolves named files against the working
 * directory, and it starts `deno run` with the exact flags for caro itself.
 *
 * @example The launcher reads the directory variables
 * ```ts
 * import assert from "node:assert/strict";
 * import { LAUNCHER_PERMISSION_FLAGS } from "./permissions.ts";
 * assert(LAUNCHER_PERMISSION_FLAGS[0].startsWith("--allow-env=HOME,"));
 * ```
 */
export const LAUNCHER_PERMISSION_FLAGS: readonly string[] = [
  `--allow-env=${LAUNCHER_ENV_VARS.join(",")}`,
  "--allow-read",
  "--allow-run",
];

/**
 * `host:port` of an http(s) endpoint URL (the default port spelled out), or
 * `undefined` for anything else: the grant a custom healing endpoint needs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { endpointHost } from "./permissions.ts";
 * assert(endpointHost("https://heal.example.org") === "heal.example.org:443");
 * assert(endpointHost("http://127.0.0.1:8787/") === "127.0.0.1:8787");
 * assert(endpointHost("not a url") === undefined);
 * ```
 */
export function endpointHost(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return undefined;
  }
}

/**
 * The OS family of the running process, in {@link CompileTarget} terms.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { currentOs } from "./permissions.ts";
 * assert(["linux", "darwin", "windows"].includes(currentOs()));
 * ```
 */
export function currentOs(): CompileTarget["os"] {
  const os = Deno.build.os;
  return os === "darwin" || os === "windows" ? os : "linux";
}
