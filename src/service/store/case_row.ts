/**
 * What both stores keep per case and how a report changes it: the public
 * facts column, the row → {@link CaseFacts}/{@link CaseState} mapping, and
 * the version rule for reports on resolved cases. Pure; the SQL lives in
 * each store.
 *
 * @module
 */
import type { CaseFacts } from "../pages/case_view.ts";
import { compareVersions } from "../versions.ts";
import type { CaseSeed, CaseState } from "./types.ts";

/** Facts stored per case (`facts` column, JSON). */
export interface StoredFacts {
  title: string;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  shapeInstalls: number;
  platforms: Record<string, number>;
  versions: string[];
  safetyRuleIds?: string[];
  linkedAt?: number;
}

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
 * The facts of a new case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newCaseFacts } from "./case_row.ts";
 * const f = newCaseFacts({ title: "t", category: "nl_parsing", confidence: 60, reasons: [], failureType: "generation", stage: "parsing", platform: "linux/bash" });
 * assert(f.shapeInstalls === 0);
 * ```
 */
export function newCaseFacts(seed: CaseSeed): StoredFacts {
  return {
    title: seed.title,
    reasons: seed.reasons,
    failureType: seed.failureType,
    stage: seed.stage,
    errorCode: seed.errorCode,
    requestShape: seed.requestShape,
    safetyRuleIds: seed.safetyRuleIds,
    shapeInstalls: 0,
    platforms: {},
    versions: [],
  };
}

/**
 * Adds one report's facets to a case's facts (distinct installs count once).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addReportFacts, newCaseFacts } from "./case_row.ts";
 * const seed = { title: "t", category: "nl_parsing", confidence: 60, reasons: [], failureType: "generation", stage: "parsing", platform: "linux/bash" };
 * const f = addReportFacts(newCaseFacts(seed), seed, "1.2.0", true);
 * assert(f.platforms["linux/bash"] === 1 && f.versions[0] === "1.2.0");
 * ```
 */
export function addReportFacts(
  facts: StoredFacts,
  seed: CaseSeed,
  caroVersion: string,
  newInstall: boolean,
): StoredFacts {
  if (newInstall) {
    facts.platforms[seed.platform] = (facts.platforms[seed.platform] ?? 0) + 1;
    if (seed.requestShape !== undefined && seed.requestShape === facts.requestShape) {
      facts.shapeInstalls++;
    }
  }
  if (!facts.versions.includes(caroVersion) && facts.versions.length < 50) {
    facts.versions.push(caroVersion);
  }
  return facts;
}

/**
 * Whether a report from `caroVersion` reopens a case: only a resolved case,
 * and only from a version at or after its fixed-in version.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reopensCase } from "./case_row.ts";
 * assert(reopensCase("resolved", "1.3.0", "1.3.0"));
 * assert(!reopensCase("resolved", "1.3.0", "1.2.9"));
 * assert(!reopensCase("open", null, "9.0.0"));
 * ```
 */
export function reopensCase(status: string, fixedIn: string | null, caroVersion: string): boolean {
  return status === "resolved" && fixedIn !== null && compareVersions(caroVersion, fixedIn) >= 0;
}

/**
 * Maps a case row to the facts the pages and GitHub jobs read.
 *
 * @example
 * ```ts ignore
 * const facts = caseRowToFacts(row);
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
 * Maps a case row to its public state.
 *
 * @example
 * ```ts ignore
 * const state = caseRowToState(row);
 * ```
 */
export function caseRowToState(row: Omit<CaseRow, "facts">): CaseState {
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
