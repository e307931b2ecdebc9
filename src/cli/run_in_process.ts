/**
 * One command run against the real process: the {@link CliContext} is
 * wired to Deno's stdout, stderr, environment and clock, and the start-up
 * hook (`start_up.ts`: pending notices, background queue flush) runs
 * around the command within its time budget.
 *
 * @module
 */
import { type CliContext, fileSource, type GlobalOptions } from "./context.ts";
import { fileSink } from "../platform/text_sink.ts";
import { processEnv } from "../platform/env.ts";
import { startUp } from "./start_up.ts";

/**
 * The context of this process, with the given global options.
 *
 * @example The process's clock and flags
 * ```ts
 * import assert from "node:assert/strict";
 * import { processContext } from "./run_in_process.ts";
 * const ctx = processContext({ json: true, healing: false, verbose: false });
 * assert(ctx.global.json && typeof ctx.now() === "number");
 * ```
 */
export function processContext(global: GlobalOptions): CliContext {
  return {
    env: processEnv,
    stdout: fileSink(Deno.stdout),
    stderr: fileSink(Deno.stderr),
    stdin: fileSource(Deno.stdin),
    now: Date.now,
    global,
  };
}

/**
 * Runs `command` for the command line `args` in this process, with the
 * start-up hook around it, and returns its exit code.
 *
 * @example The command's exit code comes back
 * ```ts
 * import assert from "node:assert/strict";
 * import { runInProcess } from "./run_in_process.ts";
 * const code = await runInProcess(["--help"], { json: false, healing: false, verbose: false },
 *   () => Promise.resolve(0));
 * assert(code === 0);
 * ```
 */
export async function runInProcess(
  args: readonly string[],
  global: GlobalOptions,
  command: (ctx: CliContext) => Promise<number>,
): Promise<number> {
  const ctx = processContext(global);
  // The hook never fails the command, even while it runs beside it.
  const starting = startUp(args, ctx).catch(() => ({ finish: () => Promise.resolve() }));
  // A notice box must come before the command's output; with --json there
  // is none, so the command need not wait for the hook's file checks.
  if (!global.json) await starting;
  const code = await command(ctx);
  await (await starting).finish();
  return code;
}
