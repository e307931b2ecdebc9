/**
 * `caro cases [--json]`: the cases this install's reports joined, with
 * their last known status (updated by the daily notices check), fix
 * version, tracking URL and report ids.
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { counted } from "../../platform/plural.ts";
import type { CaseRecord } from "../../healing/cases/case_records.ts";

/**
 * `caro cases`: list the cases your reports belong to and their status.
 *
 * @example Its help
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["cases"]), /list the cases your reports belong to/);
 * ```
 */
export function casesCommand({ bind, command }: CommandKit): Command {
  return command("cases")
    .description("list the cases your reports belong to and their status")
    .addHelpText(
      "after",
      examplesHelp([["caro cases", "case ids, status, the version that fixed them"], [
        "caro --json cases",
      ]]),
    )
    .action(bind(runCases));
}

/** One case as listed. */
interface CaseLine {
  caseId: string;
  status: string;
  fixedIn?: string;
  trackUrl: string;
  reportIds: string[];
}

/**
 * Runs `caro cases` and returns its exit code.
 *
 * @example A fresh install has no cases
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCases } from "./cases.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runCases({}, run.ctx, []), 0);
 * assert.equal(run.stdout(), "no cases: no report has been sent from this install\n");
 * ```
 */
export async function runCases(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const [{ loadHealingSettings }, { readCaseRecords }, { scanQueue }] = await Promise.all([
    import("../../healing/settings/load_healing_settings.ts"),
    import("../../healing/cases/case_records.ts"),
    import("../../healing/queue/scan_queue.ts"),
  ]);
  const { dirs } = await loadHealingSettings(ctx.env, ctx.stderr);
  const cases = groupByCase(await readCaseRecords(dirs.data));
  const queued = (await scanQueue(dirs.data, ctx.now())).entries.length;
  if (ctx.global.json) {
    ctx.stdout.write(
      JSON.stringify({
        cases: cases.map((c) => ({
          case_id: c.caseId,
          status: c.status,
          fixed_in: c.fixedIn ?? null,
          track_url: c.trackUrl,
          report_ids: c.reportIds,
        })),
        queued_reports: queued,
      }) + "\n",
    );
    return 0;
  }
  const lines = cases.length === 0
    ? ["no cases: no report has been sent from this install"]
    : cases.map((c) =>
      `${c.caseId}  ${c.status}${c.fixedIn ? ` (fixed in ${c.fixedIn})` : ""}  ${c.trackUrl}\n` +
      `  report${c.reportIds.length === 1 ? "" : "s"} ${c.reportIds.join(", ")}`
    );
  if (queued > 0) {
    lines.push(`${counted(queued, "report")} still queued, not sent yet (caro queue)`);
  }
  ctx.stdout.write(lines.join("\n") + "\n");
  return 0;
}

function groupByCase(records: CaseRecord[]): CaseLine[] {
  const byCase = new Map<string, CaseLine>();
  for (const r of records) {
    const line = byCase.get(r.caseId) ??
      { caseId: r.caseId, status: r.status, trackUrl: r.trackUrl, reportIds: [] };
    line.status = r.status;
    if (r.fixedIn) line.fixedIn = r.fixedIn;
    line.reportIds.push(r.reportId);
    byCase.set(r.caseId, line);
  }
  return [...byCase.values()];
}
