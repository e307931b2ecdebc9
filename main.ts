/**
 * The `caro` executable: wires the real process (stdout, stderr, env, clock)
 * into the CLI and is the only place that sets the exit code.
 *
 * Start-up: commander and its `node:` imports cost ~20 ms, twice a Deno
 * hello-world. So two command lines are answered without loading them:
 * `caro --version`, and `caro doctor` with nothing but the root's global
 * flags `--json` / `--no-healing`, which runs the same
 * `runDoctorCommand` with the same context commander would build (its module
 * is imported together with the context's, in one module-loader round trip).
 * Every other command line goes through the commander tree
 * (`src/cli/program.ts`).
 *
 * The process ends with `Deno.exit` once the command and the start-up hook's
 * bounded background work are done: all output is written synchronously, and
 * a natural exit measured 0.6–1 ms slower for `caro doctor --json` (the
 * runtime's own teardown after the event loop drained; cause not pinned down).
 *
 * Around every command but `--version`, `src/cli/start_up.ts` shows pending
 * notices and flushes the report queue in the background within a small
 * time budget.
 *
 * @module
 */
import { CARO_VERSION } from "./src/version.ts";
import type { CliContext, GlobalOptions } from "./src/cli/context.ts";

/** Global flags the direct doctor path understands, exactly as program.ts defines them. */
const DIRECT_DOCTOR_FLAGS = new Set(["--json", "--no-healing"]);

/**
 * The global options for a command line the direct doctor path can run
 * exactly, or `undefined` when commander must parse it.
 *
 * @example
 * ```ts
 * import { directDoctorGlobals } from "./main.ts";
 * console.assert(directDoctorGlobals(["doctor", "--json"])?.json === true);
 * console.assert(directDoctorGlobals(["doctor", "--markdown"]) === undefined);
 * ```
 */
export function directDoctorGlobals(args: readonly string[]): GlobalOptions | undefined {
  if (args[0] !== "doctor" || !args.slice(1).every((arg) => DIRECT_DOCTOR_FLAGS.has(arg))) {
    return undefined;
  }
  return {
    json: args.includes("--json"),
    healing: !args.includes("--no-healing"),
    healingConsent: undefined,
    verbose: false,
  };
}

/**
 * The direct path's errors, printed as program.ts prints them (kept in step
 * by tests/distribution/start_path_test.ts until program.ts exports its
 * reporter; `--verbose` always takes the commander path): `UsageError` and
 * `CaroError` → one line and their exit code; anything else is a bug.
 */
async function reportDirectError(error: unknown, ctx: CliContext): Promise<number> {
  const { CaroError, UsageError } = await import("./src/errors.ts");
  if (error instanceof UsageError) {
    ctx.stderr.write(`error: ${error.message}\n(run with --help for usage)\n`);
    return error.exitCode;
  }
  if (error instanceof CaroError) {
    ctx.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  ctx.stderr.write(`error: caro hit a bug: ${error instanceof Error ? error.message : error}\n`);
  ctx.stderr.write("(run with --verbose for the stack trace)\n");
  return 70;
}

async function main(args: string[]): Promise<number> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    Deno.stdout.writeSync(new TextEncoder().encode(`caro ${CARO_VERSION}\n`));
    return 0;
  }
  const direct = directDoctorGlobals(args);
  const [{ fileSink }, { processEnv }, { startUp }, doctor] = await Promise.all([
    import("./src/cli/context.ts"),
    import("./src/platform/env.ts"),
    import("./src/cli/start_up.ts"),
    direct ? import("./src/doctor/doctor_command.ts") : undefined,
  ]);
  const ctx: CliContext = {
    env: processEnv,
    stdout: fileSink(Deno.stdout),
    stderr: fileSink(Deno.stderr),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    now: Date.now,
    global: direct ?? { json: false, healing: true, verbose: false },
  };
  const background = await startUp(args, ctx);
  let code: number;
  if (doctor) {
    const { runDoctorCommand } = doctor;
    code = await runDoctorCommand({}, ctx, []).catch((error) => reportDirectError(error, ctx));
  } else {
    const { runCli } = await import("./src/cli/program.ts");
    code = await runCli(args, ctx);
  }
  await background.finish();
  return code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
