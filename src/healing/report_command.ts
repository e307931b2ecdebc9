/**
 * `caro report`: the CLI face of {@link reportFailure}. Reads the failure
 * from flags, or as JSON on stdin when no failure flag is given and stdin is
 * not a terminal; prints one line on stdout (or one JSON object with
 * `--json`), everything else on stderr:
 *
 * - `submitted <report_id> <case_id> <track_url>`
 * - `queued <report_id> (<reason>)`
 * - `rejected <report_id> (<reason>)` (exit 1)
 * - `exported <report_id> <file>`
 * - `not sent (<reason>)`
 *
 * @module
 */
import type { CliContext } from "../cli/context.ts";
import { UsageError } from "../errors.ts";
import { describeRefusal, type RefuseReason } from "./consent/decide_consent.ts";
import {
  checkFailureInput,
  type FailureInput,
  failureInputFromJson,
} from "./report/failure_input.ts";
import { submitExportedReport } from "./report/submit_exported.ts";
import { reportFailure, type ReportOutcome } from "./report_failure.ts";

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
 * @example
 * ```ts ignore
 * const code = await runReportCommand({ failureType: "generation" }, ctx, []);
 * ```
 */
export async function runReportCommand(
  flags: ReportFlags,
  ctx: CliContext,
  args: string[],
): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`);
  if (flags.submit !== undefined && flags.export !== undefined) {
    throw new UsageError("--submit and --export cannot be used together");
  }
  if (flags.submit !== undefined) {
    const outcome = await submitExportedReport({
      file: flags.submit,
      env: ctx.env,
      stderr: ctx.stderr,
      healing: ctx.global.healing,
      now: ctx.now,
    });
    return printOutcome(outcome, ctx);
  }
  const failure = await readFailure(flags, ctx);
  const outcome = await reportFailure({
    failure,
    consent: ctx.global.healingConsent,
    healing: ctx.global.healing,
    env: ctx.env,
    stderr: ctx.stderr,
    interactive: ctx.stdinIsTerminal && ctx.stderr.isTerminal,
    now: ctx.now,
    exportTo: flags.export,
  });
  return printOutcome(outcome, ctx);
}

async function readFailure(flags: ReportFlags, ctx: CliContext): Promise<FailureInput> {
  const raw: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FAILURE_FLAGS)) {
    const value = flags[flag as keyof ReportFlags];
    if (value !== undefined) raw[key] = value;
  }
  const contact = flags.contact === undefined ? {} : { contact: flags.contact };
  if (Object.keys(raw).length > 0) return checkFailureInput({ ...raw, ...contact }, "flags");
  const noInput = "describe the failure with flags (--failure-type, --stage, --request …) " +
    "or as JSON on stdin";
  if (ctx.stdinIsTerminal) throw new UsageError(noInput);
  const text = await new Response(Deno.stdin.readable).text();
  if (text.trim() === "") throw new UsageError(noInput);
  const input = failureInputFromJson(text);
  return flags.contact === undefined ? input : { ...input, contact: flags.contact };
}

function printOutcome(outcome: ReportOutcome, ctx: CliContext): number {
  if (ctx.global.json) {
    ctx.stdout.write(JSON.stringify(jsonOutcome(outcome)) + "\n");
  } else {
    ctx.stdout.write(textOutcome(outcome) + "\n");
  }
  if (outcome.status === "not_sent") ctx.stderr.write(`${describeNotSent(outcome.reason)}\n`);
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

function describeNotSent(reason: RefuseReason | "declined" | "never"): string {
  if (reason === "declined") return "not sent: you answered No";
  if (reason === "never") return "not sent: you chose Never";
  return describeRefusal(reason);
}
