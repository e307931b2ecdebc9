/**
 * `caro doctor`: diagnoses this CARO install and prints the result for a
 * person (sections, ✓ ! ✗, one fix hint per problem), as JSON (`--json`,
 * `contracts/doctor.schema.json`) or as markdown (`--markdown`). Results go
 * to stdout, progress to stderr. Exit 0 when every check is ok or skipped,
 * 1 on any warning or failure, 2 on a usage error.
 *
 * Also the direct path main.ts takes for `caro doctor [--json]
 * [--no-healing]` ({@link runDirectDoctor}): the same action, context,
 * start-up hook and error reporting as through commander, without loading
 * commander; this module imports commander's types only.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext, GlobalOptions } from "../context.ts";
import { reportCommandError } from "../report_error.ts";
import { runInProcess } from "../run_in_process.ts";
import { UsageError } from "../../errors.ts";
import { colourAllowed } from "../../platform/text_sink.ts";

/** The doctor's own flags (`--json` and `-v` are global). */
export interface DoctorOptions {
  /** `--markdown`: the result as markdown, for a GitHub issue. */
  markdown?: boolean;
}

/**
 * `caro doctor`: diagnose this CARO install: platform, shell, backend, config.
 *
 * @example Its help names the markdown flag
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["doctor"]), /--markdown +print the result as markdown/);
 * ```
 */
export function doctorCommand({ bind, command }: CommandKit): Command {
  return command("doctor")
    .description("diagnose this CARO install: platform, shell, backend, config")
    .option("--markdown", "print the result as markdown, for pasting into a GitHub issue")
    .addHelpText(
      "after",
      examplesHelp([
        ["caro doctor", "check platform, shell, caro, backend, config and context"],
        ["caro doctor -v", "also show what was probed and found: endpoints, versions, models"],
        ["caro doctor --markdown > doctor.md", "a report to paste into a GitHub issue"],
        ["caro --json doctor | jq .summary", "the versioned JSON (contracts/doctor.schema.json)"],
      ]) + "\nExit status: 0 all checks ok, 1 a warning or failure, 2 usage error.\n",
    )
    .action(bind((options: DoctorOptions, ctx, args) => runDoctor(options, ctx, args)));
}

/** The doctor itself, loaded when it runs (one module-graph load). */
const loadDiagnostics = () => import("../../doctor/run_diagnostics.ts");
/** What prints the result for a person. */
const loadHumanRenderer = () => import("../../doctor/render/render_human.ts");

/**
 * Runs the doctor for the CLI and returns the exit code.
 *
 * @example The JSON result
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDoctor } from "./doctor.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() }, global: { json: true } });
 * const code = await runDoctor({}, run.ctx, []);
 * assert([0, 1].includes(code));
 * assert.equal(JSON.parse(run.stdout()).schema_version, 1);
 * ```
 */
export async function runDoctor(
  options: DoctorOptions,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  if (args.length > 0) throw new UsageError(`doctor takes no arguments, got "${args[0]}"`);
  if (options.markdown && ctx.global.json) {
    throw new UsageError("--json and --markdown (or --doctor-report) cannot be used together");
  }
  const progress = ctx.stderr.isTerminal && !ctx.global.json;
  if (progress) ctx.stderr.write("checking platform, shell, caro, backend, config, context…");
  const { runDiagnostics, doctorExitCode } = await loadDiagnostics();
  const result = await runDiagnostics({ env: ctx.env, now: ctx.now });
  if (progress) ctx.stderr.write("\r\x1b[K");
  if (ctx.global.verbose) {
    ctx.stderr.write(`doctor: collected in ${result.elapsed_ms} ms\n`);
  }
  if (ctx.global.json) ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (options.markdown) {
    const { renderMarkdown } = await import("../../doctor/render/render_markdown.ts");
    ctx.stdout.write(renderMarkdown(result));
  } else {
    const { renderHuman } = await loadHumanRenderer();
    ctx.stdout.write(
      renderHuman(result, {
        colour: colourAllowed(ctx.stdout, ctx.env),
        verbose: ctx.global.verbose,
      }),
    );
  }
  return doctorExitCode(result.summary);
}

/**
 * Runs `caro doctor` in this process for a command line main.ts's
 * `directDoctorGlobals` accepted, and returns the exit code. The doctor's
 * modules start loading at once, beside the start-up hook.
 *
 * @example JSON on stdout; 1 when anything needs attention
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDirectDoctor } from "./doctor.ts";
 * const code = await runDirectDoctor(["doctor", "--json", "--no-healing"], {
 *   json: true, healing: false, verbose: false,
 * });
 * assert(code === 0 || code === 1);
 * ```
 */
export function runDirectDoctor(args: readonly string[], global: GlobalOptions): Promise<number> {
  // The action awaits (and reports a failure of) the same imports.
  loadDiagnostics().catch(() => {});
  if (!global.json) loadHumanRenderer().catch(() => {});
  return runInProcess(
    args,
    global,
    (ctx) => runDoctor({}, ctx, []).catch((error) => reportCommandError(error, ctx)),
  );
}
