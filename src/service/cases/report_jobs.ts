/**
 * The jobs a stored report queues, in its own transaction: the GitHub sync
 * of its case (one pending job per case absorbs the rest), with a priority,
 * once the case has evidence behind it. Anyone can mint install keys, so a
 * case that only young keys (seen for less than a day) reported, fewer than
 * {@link TRIAGE_INSTALLS} of them, waits in triage (public page, no issue)
 * instead of filing an issue at once; a flood of distinct problems from fresh
 * keys queues nothing. Cases with more established installs, then more
 * installs, then higher confidence are filed first. Quarantined reports queue
 * nothing: they are never published.
 *
 * @module
 */
import type { OutboxJob } from "../store/outbox_port.ts";
import type { CaseLanding, IncomingReport } from "../store/report_port.ts";

/** Distinct installs, young ones included, that get a case filed without an established one. */
export const TRIAGE_INSTALLS = 3;

/** The largest count the filing priority tells apart (each of its parts is capped here). */
export const PRIORITY_COUNT_CAP = 999;

/**
 * The filing priority of a case: established installs first, then installs,
 * then confidence (each capped so one cannot overflow into the next).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { filingPriority } from "./report_jobs.ts";
 * const fresh = filingPriority({ establishedInstalls: 0, installs: 50, confidence: 100 });
 * const aged = filingPriority({ establishedInstalls: 1, installs: 1, confidence: 40 });
 * assert.equal(aged > fresh, true);
 * assert.equal(filingPriority({ establishedInstalls: 0, installs: 3, confidence: 90 }) >
 *   filingPriority({ establishedInstalls: 0, installs: 3, confidence: 80 }), true);
 * ```
 */
export function filingPriority(
  c: { establishedInstalls: number; installs: number; confidence: number },
): number {
  const cap = (n: number) => Math.max(0, Math.min(PRIORITY_COUNT_CAP, Math.floor(n)));
  return cap(c.establishedInstalls) * 1_000_000 + cap(c.installs) * 1_000 + cap(c.confidence);
}

/**
 * The jobs after a report.
 *
 * @example One `github.case` job once there is evidence; none in triage or quarantine
 * ```ts
 * import assert from "node:assert/strict";
 * import { jobsAfterReport } from "./report_jobs.ts";
 * const landed = { establishedInstalls: 1, installs: 1, filed: false, result: {
 *   caseId: "CARO-2026-001", status: "open", confidence: 90, newCase: true, replay: false } };
 * assert.deepEqual(jobsAfterReport({}, "CARO-2026-001", landed), [{ kind: "github.case",
 *   payload: { kind: "github.case", caseId: "CARO-2026-001" }, dedupeKey: "github.case:CARO-2026-001",
 *   priority: 1_001_090 }]);
 * const young = { ...landed, establishedInstalls: 0 };
 * assert.deepEqual(jobsAfterReport({}, "CARO-2026-001", young), []);
 * assert.equal(jobsAfterReport({}, "CARO-2026-001", { ...young, installs: 3 }).length, 1);
 * assert.deepEqual(jobsAfterReport({ quarantined: true }, "CARO-2026-002", landed), []);
 * ```
 */
export function jobsAfterReport(
  report: Pick<IncomingReport, "quarantined">,
  caseId: string,
  landed: Pick<CaseLanding, "establishedInstalls" | "installs" | "filed" | "result">,
): OutboxJob[] {
  if (report.quarantined) return [];
  const { establishedInstalls } = landed;
  if (!landed.filed && establishedInstalls === 0 && landed.installs < TRIAGE_INSTALLS) return [];
  return [{
    kind: "github.case",
    payload: { kind: "github.case", caseId },
    dedupeKey: `github.case:${caseId}`,
    priority: filingPriority({
      establishedInstalls,
      installs: landed.installs,
      confidence: landed.result.confidence,
    }),
  }];
}
