/**
 * Admits a report: the store's one transaction (replay check, first
 * sighting, quotas, the report in its case, the jobs that follow) under the
 * case rules. A quarantined report is charged as if it joined no case: its
 * case is never published, so it must not spend a published case's quota.
 *
 * @module
 */
import type { AdmitOutcome, IncomingReport, QuotaPlan, ReportPort } from "../store/report_port.ts";
import { REPORT_RULES } from "./report_rules.ts";

/**
 * Admits one report.
 *
 * @example A quarantined report's plan sees no case
 * ```ts
 * import assert from "node:assert/strict";
 * import { admitReport } from "./admit_report.ts";
 * const seen: unknown[] = [];
 * const store = {
 *   admitReport: (_r: unknown, plan: (k: { firstSeen: number; caseId?: string }) => unknown[]) => {
 *     seen.push(plan({ firstSeen: 1, caseId: "CARO-2026-001" }));
 *     return Promise.resolve({ ok: false as const, refusal: { ok: false as const, scope: "x", bucket: "b", retryAfterMs: 1 } });
 *   },
 * };
 * const report = { quarantined: true } as Parameters<typeof admitReport>[1];
 * await admitReport(store, report, (known) => [{ scope: String(known.caseId), bucket: "b", limit: 1, windowMs: 1 }]);
 * assert.deepEqual(seen, [[{ scope: "undefined", bucket: "b", limit: 1, windowMs: 1 }]]);
 * ```
 */
export function admitReport(
  store: Pick<ReportPort, "admitReport">,
  report: IncomingReport,
  plan: QuotaPlan,
): Promise<AdmitOutcome> {
  const charge: QuotaPlan = report.quarantined
    ? (known) => plan({ firstSeen: known.firstSeen })
    : plan;
  return store.admitReport(report, charge, REPORT_RULES);
}
