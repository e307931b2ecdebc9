/**
 * `caro doctor`: diagnoses this CARO install and prints the result for a
 * person (sections, ✓ ! ✗, one fix hint per problem), as JSON (`--json`,
 * `contracts/doctor.schema.json`) or as markdown (`--markdown`). Results go
 * to stdout, progress to stderr. Exit 0 when every check is ok or skipped,
 * 1 on any warning or failure, 2 on a usage error.
 *
 * @module
 */
import { type CliContext, colourAllowed } from "../cli/context.ts";
import { UsageError } from "../errors.ts";
import { renderHuman } from "./render/render_human.ts";
import { renderMarkdown } from "./render/render_markdown.ts";
import { type DiagnosticsOptions, doctorExitCode, runDiagnostics } from "./run_diagnostics.ts";

/** The doctor's own flags (`--json` and `-v` are global). */
export interface DoctorOptions {
  markdown?: boolean;
}

/**
 * Runs the doctor for the CLI and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDoctorCommand } from "./doctor_command.ts";
 * import { envFrom } from "../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const ctx = {
 *   env: envFrom({ CARO_HOME: await Deno.makeTempDir() }), stdout: sink, stderr: sink,
 *   stdinIsTerminal: false, now: Date.now, global: { json: true, healing: true, verbose: false },
 * };
 * const code = await runDoctorCommand({}, ctx, []);
 * assert([0, 1].includes(code) && JSON.parse(out).schema_version === 1);
 * ```
 */
export async function runDoctorCommand(
  options: DoctorOptions,
  ctx: CliContext,
  args: string[],
  diagnostics: DiagnosticsOptions = {},
): Promise<number> {
  if (args.length > 0) throw new UsageError(`doctor takes no arguments, got "${args[0]}"`);
  if (options.markdown && ctx.global.json) {
    throw new UsageError("--json and --markdown cannot be used together");
  }
  const progress = ctx.stderr.isTerminal && !ctx.global.json;
  if (progress) ctx.stderr.write("checking platform, shell, caro, backend, config, context…");
  const result = await runDiagnostics({
    ...diagnostics,
    deps: { env: ctx.env, now: ctx.now, ...diagnostics.deps },
  });
  if (progress) ctx.stderr.write("\r\x1b[K");
  if (ctx.global.verbose) {
    ctx.stderr.write(`doctor: collected in ${result.elapsed_ms} ms\n`);
  }
  if (ctx.global.json) ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (options.markdown) ctx.stdout.write(renderMarkdown(result));
  else {
    ctx.stdout.write(
      renderHuman(result, {
        colour: colourAllowed(ctx.stdout, ctx.env),
        verbose: ctx.global.verbose,
      }),
    );
  }
  return doctorExitCode(result.summary);
}
