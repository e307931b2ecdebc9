/**
 * The `caro` executable: wires the real process (stdout, stderr, env, clock)
 * into `runCli` and is the only place that sets the exit code.
 *
 * Start-up: `caro --version` is answered here without loading the command
 * tree (commander and every command definition are imported only when a
 * command runs), so it costs little more than a Deno hello-world.
 *
 * @module
 */
import { CARO_VERSION } from "./src/version.ts";

if (import.meta.main) {
  const args = Deno.args;
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    Deno.stdout.writeSync(new TextEncoder().encode(`caro ${CARO_VERSION}\n`));
  } else {
    const [{ fileSink }, { runCli }, { processEnv }] = await Promise.all([
      import("./src/cli/context.ts"),
      import("./src/cli/program.ts"),
      import("./src/platform/env.ts"),
    ]);
    Deno.exitCode = await runCli(args, {
      env: processEnv,
      stdout: fileSink(Deno.stdout),
      stderr: fileSink(Deno.stderr),
      stdinIsTerminal: Deno.stdin.isTerminal(),
      now: Date.now,
      global: { json: false, healing: true, verbose: false },
    });
  }
}
