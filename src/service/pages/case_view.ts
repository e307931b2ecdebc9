/**
 * The public view of a case: what the case pages and their JSON twins show.
 * Built only from sanitized, aggregated data; the request shape is included
 * only when at least `k` distinct installs share it (k-anonymity) and small
 * platform counts are folded into "other".
 *
 * @module
 */

/** One step of a case's life. */
export interface TimelineStep {
  step: "reported" | "issue" | "pr" | "released";
  /** Epoch ms, when the step happened. */
  at?: number;
  url?: string;
  label: string;
}

/** The public case (page and JSON twin). */
export interface PublicCase {
  id: string;
  title: string;
  status: string;
  category: string;
  confidence: number;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  /** Present only when enough distinct installs share it. */
  requestShape?: string;
  platforms: { name: string; installs: number }[];
  reports: number;
  installs: number;
  firstSeen: number;
  lastSeen: number;
  resolvedAt?: number;
  fixedIn?: string;
  howFixed?: string;
  issueUrl?: string;
  prUrl?: string;
  timeline: TimelineStep[];
}

/** What the store knows about a case, before the public rules apply. */
export interface CaseFacts {
  id: string;
  title: string;
  status: string;
  category: string;
  confidence: number;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  /** Distinct installs that sent this request shape. */
  requestShapeInstalls: number;
  platforms: { name: string; installs: number }[];
  reports: number;
  installs: number;
  firstSeen: number;
  lastSeen: number;
  issueUrl?: string;
  issueAt?: number;
  prUrl?: string;
  prAt?: number;
  resolvedAt?: number;
  fixedIn?: string;
  howFixed?: string;
  /** caro versions reports came from (not shown on pages; GitHub issues list them). */
  versions?: string[];
  /** Safety rule ids involved (rule gaps). */
  safetyRuleIds?: string[];
  /** GitHub issue and PR numbers (the worker's bookkeeping; not shown). */
  issueNumber?: number;
  prNumber?: number;
}

/** Default k for k-anonymity of request shapes and platform counts. */
export const DEFAULT_K = 5;

/**
 * Applies the public rules to a case's facts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { publicCase } from "./case_view.ts";
 * const view = publicCase({ id: "CARO-2026-001", title: "t", status: "open", category: "rule_gap",
 *   confidence: 80, reasons: [], failureType: "safety_blocked", stage: "safety", requestShape: "rm <PATH>",
 *   requestShapeInstalls: 2, platforms: [], reports: 2, installs: 2, firstSeen: 0, lastSeen: 0 }, 5);
 * assert(view.requestShape === undefined);
 * ```
 */
export function publicCase(facts: CaseFacts, k: number): PublicCase {
  const big = facts.platforms.filter((p) => p.installs >= k);
  const small = facts.platforms.filter((p) => p.installs < k).reduce((n, p) => n + p.installs, 0);
  const timeline: TimelineStep[] = [
    { step: "reported", at: facts.firstSeen, label: "First reported" },
  ];
  if (facts.issueUrl) {
    timeline.push({ step: "issue", at: facts.issueAt, url: facts.issueUrl, label: "Issue opened" });
  }
  if (facts.prUrl) {
    timeline.push({ step: "pr", at: facts.prAt, url: facts.prUrl, label: "Fix proposed" });
  }
  if (facts.fixedIn) {
    timeline.push({
      step: "released",
      at: facts.resolvedAt,
      label: `Released in ${facts.fixedIn}`,
    });
  }
  return {
    id: facts.id,
    title: facts.title,
    status: facts.status,
    category: facts.category,
    confidence: facts.confidence,
    reasons: facts.reasons,
    failureType: facts.failureType,
    stage: facts.stage,
    errorCode: facts.errorCode,
    requestShape: facts.requestShapeInstalls >= k ? facts.requestShape : undefined,
    platforms: small > 0 ? [...big, { name: "other", installs: small }] : big,
    reports: facts.reports,
    installs: facts.installs,
    firstSeen: facts.firstSeen,
    lastSeen: facts.lastSeen,
    resolvedAt: facts.resolvedAt,
    fixedIn: facts.fixedIn,
    howFixed: facts.howFixed,
    issueUrl: facts.issueUrl,
    prUrl: facts.prUrl,
    timeline,
  };
}

/** Filters of `GET /cases`. */
export interface CaseListFilter {
  status?: string;
  category?: string;
  /** Epoch ms; cases seen since. */
  since?: number;
  limit: number;
}

/**
 * Reads the list filters from a query string, ignoring values that are not valid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseListFilter } from "./case_view.ts";
 * const f = caseListFilter(new URLSearchParams("status=open&limit=5000"));
 * assert(f.status === "open" && f.limit === 200);
 * ```
 */
export function caseListFilter(query: URLSearchParams): CaseListFilter {
  const word = (v: string | null) => v && /^[a-z_]{1,40}$/.test(v) ? v : undefined;
  const since = Date.parse(query.get("since") ?? "");
  const limit = Number(query.get("limit") ?? 50);
  return {
    status: word(query.get("status")),
    category: word(query.get("category")),
    since: Number.isFinite(since) ? since : undefined,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 200) : 50,
  };
}
