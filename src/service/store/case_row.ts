/**
 * A case row as both stores read it, and its mapping to {@link CaseFacts}
 * and {@link CaseState}. Pure; the SQL lives in each store.
 *
 * @module
 */
import type { CaseFacts, CaseState } from "./case_types.ts";
import type { StoredFacts } from "./report_port.ts";

/** A case row as both stores read it (times as numbers). */
export interface CaseRow {
  id: string;
  status: string;
  category: string;
  confidence: number;
  facts: StoredFacts;
  report_count: number;
  install_count: number;
  first_seen: number;
  last_seen: number;
  fixed_in: string | null;
  resolved_at: number | null;
  issue_url: string | null;
  issue_number: number | null;
  pr_url: string | null;
  pr_number: number | null;
}

/**
 * Maps a case row to the facts the pages and GitHub jobs read.
 *
 * @example Platforms become a list
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseRowToFacts } from "./case_row.ts";
 * const facts = caseRowToFacts({ id: "CARO-2026-001", status: "open", category: "rule_gap",
 *   confidence: 85, facts: { title: "t", reasons: [], failureType: "f", stage: "s",
 *   shapeInstalls: 0, platforms: { "linux/bash": 2 }, versions: ["1.2.0"] },
 *   report_count: 3, install_count: 2, first_seen: 1, last_seen: 2, fixed_in: null,
 *   resolved_at: null, issue_url: null, issue_number: null, pr_url: null, pr_number: null });
 * assert.deepEqual(facts.platforms, [{ name: "linux/bash", installs: 2 }]);
 * assert.equal(facts.reports, 3);
 * ```
 */
export function caseRowToFacts(row: CaseRow): CaseFacts {
  const f = row.facts;
  return {
    issueNumber: row.issue_number ?? undefined,
    prNumber: row.pr_number ?? undefined,
    versions: f.versions,
    id: row.id,
    title: f.title,
    status: row.status,
    category: row.category,
    confidence: row.confidence,
    reasons: f.reasons,
    failureType: f.failureType,
    stage: f.stage,
    errorCode: f.errorCode ?? undefined,
    requestShape: f.requestShape ?? undefined,
    requestShapeInstalls: f.shapeInstalls,
    safetyRuleIds: f.safetyRuleIds,
    platforms: Object.entries(f.platforms).map(([name, installs]) => ({ name, installs })),
    reports: row.report_count,
    installs: row.install_count,
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    issueUrl: row.issue_url ?? undefined,
    issueAt: f.linkedAt ?? undefined,
    prUrl: row.pr_url ?? undefined,
    resolvedAt: row.resolved_at === null ? undefined : Number(row.resolved_at),
    fixedIn: row.fixed_in ?? undefined,
  };
}

/**
 * Maps a case row to its state.
 *
 * @example Times become numbers, nulls undefined
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseRowToState } from "./case_row.ts";
 * const state = caseRowToState({ id: "CARO-2026-001", status: "open", category: "rule_gap",
 *   confidence: 85, report_count: 3, install_count: 2, first_seen: 1, last_seen: 2,
 *   fixed_in: null, issue_url: null });
 * assert.equal(state.fixedIn, undefined);
 * assert.equal(state.lastSeen, 2);
 * ```
 */
export function caseRowToState(
  row: Pick<
    CaseRow,
    | "id"
    | "status"
    | "category"
    | "confidence"
    | "report_count"
    | "install_count"
    | "first_seen"
    | "last_seen"
    | "fixed_in"
    | "issue_url"
  >,
): CaseState {
  return {
    id: row.id,
    status: row.status,
    category: row.category,
    confidence: row.confidence,
    reports: row.report_count,
    installs: row.install_count,
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    fixedIn: row.fixed_in ?? undefined,
    issueUrl: row.issue_url ?? undefined,
  };
}
