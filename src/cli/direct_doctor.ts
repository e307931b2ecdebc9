/**
 * `caro doctor` without commander (see main.ts): the same
 * `runDoctorCommand`, context, start-up hook and error reporting as the
 * commander path, in ONE module graph, so the doctor's start costs one
 * module-loader round trip.
 *
 * @module
 */
import type { GlobalOptions } from "./context.ts";
import { reportCommandError } from "./report_error.ts";
import { runInProcess } from "./run_in_process.ts";
import { runDoctorCommand } from "../doctor/doctor_command.ts";

/**
 * Runs `caro doctor` for a command line main.ts's `directDoctorGlobals`
 * accepted, and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDirectDoctor } from "./direct_doctor.ts";
 * // Prints the doctor's JSON on stdout; 1 when anything needs attention.
 * const code = await runDirectDoctor(["doctor", "--json", "--no-healing"], {
 *   json: true, healing: false, verbose: false,
 * });
 * assert(code === 0 || code === 1);
 * ```
 */
export function runDirectDoctor(args: readonly string[], global: GlobalOptions): Promise<number> {
  return runInProcess(
    args,
    global,
    (ctx) => runDoctorCommand({}, ctx, []).catch((error) => reportCommandError(error, ctx)),
  );
}
