/**
 * Runs caro the two ways users get it, under exactly the flags they get:
 * the bundle (`dist/caro/main.js`, what a binary embeds) with `deno run`
 * and `bundleRunFlags`, and the launcher (`deno task caro`, the installed
 * `caro`) with its own flags, which computes caro's for the run.
 *
 * @module
 */
import { dirname } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { bundleRunFlags, currentOs, LAUNCHER_PERMISSION_FLAGS } from "../../src/cli/permissions.ts";
import { type CaroRun, runDeno } from "./run_caro.ts";

/** How caro is started. */
export type CaroForm = "bundle" | "launcher";

const LAUNCHER = fromFileUrl(new URL("../../tools/caro.ts", import.meta.url));
const CONFIG = fromFileUrl(new URL("../../deno.json", import.meta.url));

/** Options of {@link runExact}. */
export interface ExactRunOptions {
  /** The child's whole environment besides PATH and DENO_DIR; HOME is required. */
  env: Record<string, string>;
  /** The bundle's entry chunk, for `form: "bundle"`. */
  bundle?: string;
  stdin?: string;
  cwd?: string;
}

/**
 * The argv (without `deno`) that starts caro in `form` under its exact flags.
 *
 * @example The launcher's argv
 * ```ts
 * import assert from "node:assert/strict";
 * import { exactArgv } from "./exact_runs.ts";
 * const argv = exactArgv("launcher", ["--version"], { env: { HOME: "/tmp" } });
 * assert(argv.includes("--allow-read") && argv.at(-1) === "--version");
 * ```
 */
export function exactArgv(
  form: CaroForm,
  args: readonly string[],
  options: ExactRunOptions,
): string[] {
  if (form === "launcher") {
    return ["run", "--quiet", "--config", CONFIG, ...LAUNCHER_PERMISSION_FLAGS, LAUNCHER, ...args];
  }
  if (!options.bundle) throw new TypeError("a bundle run needs the bundle's path");
  const flags = bundleRunFlags((name) => options.env[name], currentOs(), dirname(options.bundle));
  return ["run", "--quiet", "--no-prompt", ...flags, options.bundle, ...args];
}

/**
 * Runs caro in `form` and captures what it printed.
 *
 * @example The version through the launcher
 * ```ts
 * import assert from "node:assert/strict";
 * import { runExact } from "./exact_runs.ts";
 * const run = await runExact("launcher", ["--version"], { env: { HOME: await Deno.makeTempDir() } });
 * assert.match(run.stdout, /^caro /);
 * ```
 */
export function runExact(
  form: CaroForm,
  args: readonly string[],
  options: ExactRunOptions,
): Promise<CaroRun> {
  return runDeno(exactArgv(form, args, options), {
    env: options.env,
    stdin: options.stdin,
    cwd: options.cwd ?? options.env.HOME,
  });
}
