/**
 * Resolve and notify: a case fixed in a release tells every report on it
 * (one `resolved` notification per report, fetched by its install) and
 * queues one e-mail job per report that left a contact. The store marks the
 * case and stores these follow-ups in one transaction; resolving a case
 * again in the same version does nothing.
 *
 * @module
 */
import type { CasePort, ReportOnCase, ResolutionFollowUps } from "../store/case_port.ts";

/**
 * The follow-ups of a resolution.
 *
 * @example One notification per report, one e-mail job per contact
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolutionFollowUps } from "./resolve_case.ts";
 * const f = resolutionFollowUps("CARO-2026-001", [
 *   { reportId: "r1", installKey: "a", hasContact: true },
 *   { reportId: "r2", installKey: "b", hasContact: false },
 * ]);
 * assert.deepEqual(f.notifications.map((n) => n.reportId), ["r1", "r2"]);
 * assert.deepEqual(f.jobs, [{ kind: "email.notice", dedupeKey: "email:r1",
 *   payload: { kind: "email.notice", reportId: "r1", caseId: "CARO-2026-001" } }]);
 * ```
 */
export function resolutionFollowUps(
  caseId: string,
  reports: readonly ReportOnCase[],
): ResolutionFollowUps {
  return {
    notifications: reports.map((r) => ({
      reportId: r.reportId,
      installKey: r.installKey,
      kind: "resolved",
    })),
    jobs: reports.filter((r) => r.hasContact).map((r) => ({
      kind: "email.notice",
      payload: { kind: "email.notice", reportId: r.reportId, caseId },
      dedupeKey: `email:${r.reportId}`,
    })),
  };
}

/**
 * Resolves a case in `version`; returns the notifications stored (0 when it
 * already was resolved in that version, or is quarantined).
 *
 * @example The store applies the rule
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveCase } from "./resolve_case.ts";
 * const store = {
 *   resolveCase: (id: string, _v: string, _now: number, rule: (id: string, r: never[]) => { notifications: unknown[] }) =>
 *     Promise.resolve(rule(id, []).notifications.length),
 * };
 * assert.equal(await resolveCase(store, "CARO-2026-001", "1.3.0", 0), 0);
 * ```
 */
export function resolveCase(
  store: Pick<CasePort, "resolveCase">,
  caseId: string,
  version: string,
  now: number,
): Promise<number> {
  return store.resolveCase(caseId, version, now, resolutionFollowUps);
}
