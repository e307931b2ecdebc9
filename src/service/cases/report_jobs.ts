/**
 * The jobs a stored report queues, in its own transaction: the GitHub sync
 * of its case (one pending job per case absorbs the rest). Quarantined
 * reports queue nothing: they are never published.
 *
 * @module
 */
import type { OutboxJob } from "../store/outbox_port.ts";
import type { IncomingReport } from "../store/report_port.ts";

/**
 * The jobs after a report.
 *
 * @example One `github.case` job per case, none for quarantine
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobsAfterReport } from "./report_jobs.ts";
 * assert.deepEqual(jobsAfterReport({}, "CARO-2026-001"), [{ kind: "github.case",
 *   payload: { kind: "github.case", caseId: "CARO-2026-001" }, dedupeKey: "github.case:CARO-2026-001" }]);
 * assert.deepEqual(jobsAfterReport({ quarantined: true }, "CARO-2026-002"), []);
 * ```
 */
export function jobsAfterReport(
  report: Pick<IncomingReport, "quarantined">,
  caseId: string,
): OutboxJob[] {
  if (report.quarantined) return [];
  return [{
    kind: "github.case",
    payload: { kind: "github.case", caseId },
    dedupeKey: `github.case:${caseId}`,
  }];
}
