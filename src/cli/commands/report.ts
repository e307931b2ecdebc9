/**
 * `caro report`: the CLI face of `reportFailure`. Reads the failure from
 * flags, or as JSON on stdin when no failure flag is given and stdin is not
 * a terminal; prints one line on stdout (or one JSON object with `--json`),
 * everything else on stderr:
 *
 * - `submitted <report_id> <case_id> <track_url>`
 * - `queued <report_id> (<reason>)`
 * - `rejected <report_id> (<reason>)` (exit 1)
 * - `exported <report_id> <file>`
 * - `not sent (<reason>)`
 *
 * Ctrl-C while the report is being sent stops sending: the `queued` line,
 * then `interrupted: report <id> stays queued …` on stderr (exit 130).
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../../errors.ts";
import { requireNamedFile } from "../named_files.ts";
import { withPrivateFile } from "../report_stdio.ts";
import { whileInterruptible } from "../interrupt.ts";
import type { FailureInput } from "../../healing/report/failure_input.ts";
import type { ReportOutcome } from "../../healing/report/report_failure.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `caro report`: report a CARO failure to the healing service, with your consent.
 *
 * @example Its help names the flags
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["report"]), /--failure-type <type>[\s\S]*--export <file>/);
 * ```
 */
export function reportCommand({ bind, command }: CommandKit): Command {
  return command("report")
    .description(
      "report a CARO failure to the healing service, with your consent " +
        "(flags, or the failure as JSON on stdin)",
    )
    .option("--request <text>", "what you asked CARO (sanitized; its words only at full consent)")
    .option("--command <command>", "the command CARO generated (full consent only)")
    .option(
      "--failure-type <type>",
      "generation | validation | execution | timeout | unknown (default unknown)",
    )
    .option(
      "--stage <stage>",
      "input | context | model_load | inference | parsing | validation | confirmation | execution | unknown",
    )
    .option("--error-code <code>", "CARO's error code")
    .option("--safety-pattern <id>", "a safety rule that fired (repeatable)", collect)
    .option("--intent <category>", "what kind of task it was (file_management, search, …)")
    .option("--backend <type>", "ollama | vllm | mlx | embedded | openai_compatible | unknown")
    .option("--model <name>", "the model in use")
    .option("--error-message <text>", "the error output (sanitized; full consent only)")
    .option(
      "--contact <contact>",
      "how to tell you it is fixed: e-mail, @handle, github:user, none",
    )
    .option(
      "--export <file>",
      "write the signed report to FILE (- for stdout) instead of sending it",
    )
    .option("--submit <file>", "send a report written earlier with --export (- for stdin)")
    .addHelpText(
      "after",
      examplesHelp([
        [
          "caro report --failure-type generation --stage inference --request 'list big files'",
          "report a failure; you see the exact bytes and say yes before anything is sent",
        ],
        [`echo '{"failure_type":"timeout"}' | caro report`, "the failure as JSON on stdin"],
        ["caro report --failure-type execution --export /media/usb/report.json", "air-gapped"],
        ["caro report --submit /media/usb/report.json", "send it later from another machine"],
        ["caro report --failure-type timeout --export - > report.json", "export to stdout"],
      ]),
    )
    .action(bind(runReport));
}

/** The flags of `caro report`, as commander hands them over. */
export interface ReportFlags {
  request?: string;
  command?: string;
  failureType?: string;
  stage?: string;
  errorCode?: string;
  safetyPattern?: string[];
  intent?: string;
  backend?: string;
  model?: string;
  errorMessage?: string;
  contact?: string;
  export?: string;
  submit?: string;
}

const FAILURE_FLAGS: Readonly<Record<string, string>> = {
  request: "request",
  command: "command",
  failureType: "failure_type",
  stage: "stage",
  errorCode: "error_code",
  safetyPattern: "safety_patterns",
  intent: "intent",
  backend: "backend",
  model: "model",
  errorMessage: "error_message",
};

/**
 * Runs `caro report` and returns its exit code.
 *
 * @example Nothing is sent with --no-healing
 * ```ts
 * import assert from "node:assert/strict";
 * import { runReport } from "./report.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({
 *   env: { CARO_HOME: await Deno.makeTempDir() },
 *   global: { healing: false },
 * });
 * assert.equal(await runReport({ failureType: "generation" }, run.ctx, []), 0);
 * assert.equal(run.stdout(), "not sent (no-healing)\n");
 * ```
 */
export async function runReport(
  flags: ReportFlags,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`);
  if (flags.submit !== undefined && flags.export !== undefined) {
    throw new UsageError("--submit and --export cannot be used together");
  }
  if (flags.submit !== undefined) {
    const { submitExportedReport } = await import("../../healing/report/submit_exported.ts");
    const submit = (file: string) =>
      submitExportedReport({
        file,
        env: ctx.env,
        stderr: ctx.stderr,
        healing: ctx.global.healing,
        now: ctx.now,
      });
    if (flags.submit !== "-") {
      await requireNamedFile("read", flags.submit, (f) => `caro report --submit - < ${f}`);
    }
    const outcome = flags.submit === "-"
      ? await withPrivateFile(ctx, async (file) => {
        await Deno.writeTextFile(file, await ctx.stdin.readAll(), { mode: 0o600 });
        return await submit(file);
      })
      : await submit(flags.submit);
    return await printOutcome(outcome, ctx);
  }
  if (flags.export !== undefined && flags.export !== "-") {
    await requireNamedFile("write", flags.export, (f) => `caro report … --export - > ${f}`);
  }
  const failure = await readFailure(flags, ctx);
  const { reportFailure } = await import("../../healing/report/report_failure.ts");
  const report = (to: { exportTo?: string; signal?: AbortSignal }) =>
    reportFailure({
      ...to,
      failure,
      consent: ctx.global.healingConsent,
      healing: ctx.global.healing,
      env: ctx.env,
      stderr: ctx.stderr,
      interactive: ctx.stdin.isTerminal && ctx.stderr.isTerminal,
      now: ctx.now,
    });
  if (flags.export === "-") {
    // stdout carries the export itself; the outcome line goes to stderr.
    return await withPrivateFile(ctx, async (file) => {
      const outcome = await report({ exportTo: file });
      if (outcome.status === "exported") ctx.stdout.write(await Deno.readTextFile(file));
      return await printOutcome(
        outcome.status === "exported" ? { ...outcome, file: "-" } : outcome,
        { ...ctx, stdout: ctx.stderr },
      );
    });
  }
  if (flags.export !== undefined) {
    return await printOutcome(await report({ exportTo: flags.export }), ctx);
  }
  return await whileInterruptible(async (signal) => {
    const outcome = await report({ signal });
    const code = await printOutcome(outcome, ctx);
    if (!signal.aborted || outcome.status !== "queued") return code;
    ctx.stderr.write(
      `interrupted: report ${outcome.reportId} stays queued and is sent later ` +
        "(`caro queue` shows it, `caro queue clear` drops it)\n",
    );
    return 130;
  });
}

async function readFailure(flags: ReportFlags, ctx: CliContext): Promise<FailureInput> {
  const { checkFailureInput, failureInputFromJson } = await import(
    "../../healing/report/failure_input.ts"
  );
  const raw: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FAILURE_FLAGS)) {
    const value = flags[flag as keyof ReportFlags];
    if (value !== undefined) raw[key] = value;
  }
  const contact = flags.contact === undefined ? {} : { contact: flags.contact };
  if (Object.keys(raw).length > 0) return checkFailureInput({ ...raw, ...contact }, "flags");
  const noInput = "describe the failure with flags (--failure-type, --stage, --request …) " +
    "or as JSON on stdin";
  if (ctx.stdin.isTerminal) throw new UsageError(noInput);
  const text = await ctx.stdin.readAll();
  if (text.trim() === "") throw new UsageError(noInput);
  const input = failureInputFromJson(text);
  return flags.contact === undefined ? input : { ...input, contact: flags.contact };
}

async function printOutcome(outcome: ReportOutcome, ctx: CliContext): Promise<number> {
  if (ctx.global.json) {
    ctx.stdout.write(JSON.stringify(jsonOutcome(outcome)) + "\n");
  } else {
    ctx.stdout.write(textOutcome(outcome) + "\n");
  }
  // An answer at the prompt was already put into words there; a refusal was not.
  if (
    outcome.status === "not_sent" && outcome.reason !== "declined" && outcome.reason !== "never"
  ) {
    const { describeRefusal } = await import("../../healing/consent/decide_consent.ts");
    ctx.stderr.write(`${describeRefusal(outcome.reason)}\n`);
  }
  if (outcome.status === "submitted" && outcome.message) {
    ctx.stderr.write(`${outcome.caseId}: ${outcome.message}\n`);
  }
  if (outcome.status === "rejected") {
    ctx.stderr.write(`error: the healing service refused the report: ${outcome.reason}\n`);
    return 1;
  }
  return 0;
}

function textOutcome(outcome: ReportOutcome): string {
  switch (outcome.status) {
    case "submitted":
      return `submitted ${outcome.reportId} ${outcome.caseId} ${outcome.trackUrl}`;
    case "queued":
      return `queued ${outcome.reportId} (${outcome.reason})`;
    case "rejected":
      return `rejected ${outcome.reportId} (${outcome.reason})`;
    case "exported":
      return `exported ${outcome.reportId} ${outcome.file}`;
    case "not_sent":
      return `not sent (${outcome.reason})`;
  }
}

function jsonOutcome(outcome: ReportOutcome): Record<string, unknown> {
  switch (outcome.status) {
    case "submitted":
      return {
        status: "submitted",
        report_id: outcome.reportId,
        case_id: outcome.caseId,
        track_url: outcome.trackUrl,
        ...(outcome.message ? { message: outcome.message } : {}),
        sha256: outcome.sha256,
      };
    case "queued":
      return {
        status: "queued",
        report_id: outcome.reportId,
        reason: outcome.reason,
        sha256: outcome.sha256,
      };
    case "rejected":
      return {
        status: "rejected",
        report_id: outcome.reportId,
        reason: outcome.reason,
        http_status: outcome.httpStatus,
      };
    case "exported":
      return {
        status: "exported",
        report_id: outcome.reportId,
        file: outcome.file,
        sha256: outcome.sha256,
      };
    case "not_sent":
      return { status: "not_sent", reason: outcome.reason };
  }
}
