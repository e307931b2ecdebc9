/**
 * Records a report without quotas (seeding, tools, tests): admission with an
 * empty plan, so the same transaction and rules as `POST /v1/reports`.
 *
 * @module
 */
import type { IncomingReport, IngestResult, ReportPort } from "../store/report_port.ts";
import { admitReport } from "./admit_report.ts";

/**
 * Records one report; idempotent by report id.
 *
 * @example The store's answer comes back as is
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordReport } from "./record_report.ts";
 * const result = { caseId: "CARO-2026-001", status: "open", confidence: 80, newCase: true, replay: false };
 * const store = { admitReport: () => Promise.resolve({ ok: true as const, result }) };
 * assert.equal(await recordReport(store, {} as Parameters<typeof recordReport>[1]), result);
 * ```
 */
export async function recordReport(
  store: Pick<ReportPort, "admitReport">,
  report: IncomingReport,
): Promise<IngestResult> {
  const outcome = await admitReport(store, report, () => []);
  if (!outcome.ok) throw new Error("A report without quotas was refused"); // cannot happen
  return outcome.result;
}
