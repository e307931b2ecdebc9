/**
 * The `caro` executable: wires the real process (stdout, stderr, env, clock)
 * into {@link runCli} and is the only place that sets the exit code.
 *
 * @module
 */
import { fileSink } from "./src/cli/context.ts";
import { runCli } from "./src/cli/program.ts";
import { processEnv } from "./src/platform/env.ts";

if (import.meta.main) {
  Deno.exitCode = await runCli(Deno.args, {
    env: processEnv,
    stdout: fileSink(Deno.stdout),
    stderr: fileSink(Deno.stderr),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    now: Date.now,
    global: { json: false, healing: true, verbose: false },
  });
}
