/**
 * Runs the real `caro` (main.ts) in a child process with an explicit
 * environment and permission set, and captures what it prints.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** What a caro run printed and returned. */
export interface CaroRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@link runCaro}. */
export interface RunCaroOptions {
  /** The child's whole environment (nothing is inherited). */
  env?: Record<string, string>;
  /** Text written to the child's stdin; stdin is closed after it. */
  stdin?: string;
  /** Permission flags for `deno run`; defaults to `--allow-all`. */
  permissions?: string[];
  cwd?: string;
}

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/**
 * The parent's Deno cache, handed to every child: a test that sets `HOME` to
 * a temp dir would otherwise make each child download the npm packages
 * again and print `Download …` lines on stderr in no stable order.
 */
export const DENO_DIR: string = Deno.env.get("DENO_DIR") ??
  JSON.parse(
    new TextDecoder().decode(
      new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" }).outputSync()
        .stdout,
    ),
  ).denoDir;

/**
 * Runs `caro ARGS…` and waits for it to finish.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCaro } from "./run_caro.ts";
 * const { code, stdout } = await runCaro(["--version"]);
 * assert(code === 0 && stdout.startsWith("caro"));
 * ```
 */
export function runCaro(args: string[], options: RunCaroOptions = {}): Promise<CaroRun> {
  return runDeno(
    ["run", "--no-prompt", ...(options.permissions ?? ["--allow-all"]), MAIN, ...args],
    { ...options, env: { NO_COLOR: "1", ...options.env } },
  );
}

/**
 * Runs `deno ARGS…` with only `env` (plus PATH and the parent's
 * `DENO_DIR`), writes `stdin` and closes it, and captures what it printed.
 *
 * @example deno eval
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDeno } from "./run_caro.ts";
 * const { code, stdout } = await runDeno(["eval", "console.log(1)"]);
 * assert(code === 0 && stdout === "1\n");
 * ```
 */
export async function runDeno(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<CaroRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env: { PATH: Deno.env.get("PATH") ?? "", DENO_DIR, ...options.env },
    clearEnv: true,
    cwd: options.cwd,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  if (options.stdin !== undefined) await writer.write(new TextEncoder().encode(options.stdin));
  await writer.close();
  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
