/**
 * `caro cases [--json]`: the cases this install's reports joined, with
 * their last known status (updated by the daily notices check), fix
 * version, tracking URL and report ids.
 *
 * @module
 */
import type { CliContext } from "../../cli/context.ts";
import { loadHealingSettings } from "../config/load_healing_settings.ts";
import { scanQueue } from "../queue/scan_queue.ts";
import { type CaseRecord, readCaseRecords } from "./case_records.ts";

/** One case as listed. */
interface CaseLine {
  caseId: string;
  status: string;
  fixedIn?: string;
  trackUrl: string;
  reportIds: string[];
}

/**
 * Runs `caro cases`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCasesCommand } from "./cases_command.ts";
 * import { envFrom } from "../../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * await runCasesCommand({}, { env: envFrom({ CARO_HOME: await Deno.makeTempDir() }),
 *   stdout: sink, stderr: sink, stdinIsTerminal: false, now: Date.now,
 *   global: { json: false, healing: true, verbose: false } }, []);
 * assert(out === "no cases: no report has been sent from this install\n");
 * ```
 */
export async function runCasesCommand(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
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
  if (queued > 0) lines.push(`${queued} report(s) still queued, not sent yet (caro queue)`);
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
