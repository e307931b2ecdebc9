/**
 * The `caro` executable: wires the real process (stdout, stderr, env, clock)
 * into the CLI and is the only place that sets the exit code.
 *
 * Start-up: commander and its `node:` imports cost ~20 ms, twice a Deno
 * hello-world. So two command lines are answered without loading them:
 * `caro --version`, and `caro doctor` with nothing but the root's global
 * flags `--json` / `--no-healing`, which runs the same
 * `runDoctor` with the same context and error reporting commander would
 * use (`runDirectDoctor` in `src/cli/commands/doctor.ts`: one dynamic
 * import of the command, whose doctor modules then load beside the
 * start-up hook). Every other command line goes through the
 * commander tree (`src/cli/program.ts`).
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
import type { GlobalOptions } from "./src/cli/context.ts";

/** Global flags the direct doctor path understands, exactly as program.ts defines them. */
const DIRECT_DOCTOR_FLAGS = new Set(["--json", "--no-healing"]);

/**
 * The global options for a command line the direct doctor path can run
 * exactly, or `undefined` when commander must parse it.
 *
 * @example Only the doctor with the global flags it understands
 * ```ts
 * import assert from "node:assert/strict";
 * import { directDoctorGlobals } from "./main.ts";
 * assert(directDoctorGlobals(["doctor", "--json"])?.json === true);
 * assert(directDoctorGlobals(["doctor", "--markdown"]) === undefined);
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

async function main(args: string[]): Promise<number> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    Deno.stdout.writeSync(new TextEncoder().encode(`caro ${CARO_VERSION}\n`));
    return 0;
  }
  const direct = directDoctorGlobals(args);
  if (direct) {
    const { runDirectDoctor } = await import("./src/cli/commands/doctor.ts");
    return await runDirectDoctor(args, direct);
  }
  const [{ runInProcess }, { runCli }] = await Promise.all([
    import("./src/cli/run_in_process.ts"),
    import("./src/cli/program.ts"),
  ]);
  return await runInProcess(
    args,
    { json: false, healing: true, verbose: false },
    (ctx) => runCli(args, ctx),
  );
}

if (import.meta.main) Deno.exit(await main(Deno.args));
