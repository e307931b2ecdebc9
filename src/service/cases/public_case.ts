/**
 * The public view of a case: what the case pages and their JSON twins show.
 * Built only from sanitized, aggregated data; the request shape is included
 * only when at least `k` distinct installs share it (k-anonymity) and small
 * platform counts are folded into "other".
 *
 * @module
 */
import type { CaseFacts } from "../store/case_types.ts";

/** One step of a case's life. */
export interface TimelineStep {
  step: "reported" | "issue" | "pr" | "released";
  /** Epoch ms, when the step happened. */
  at?: number;
  url?: string;
  label: string;
}

/** The public case (page and JSON twin): the facts under the public rules. */
export type PublicCase =
  & Omit<
    CaseFacts,
    | "requestShapeInstalls"
    | "versions"
    | "safetyRuleIds"
    | "issueNumber"
    | "prNumber"
    | "issueAt"
    | "prAt"
  >
  & { timeline: TimelineStep[] };

/** Default k for k-anonymity of request shapes and platform counts. */
export const DEFAULT_K = 5;

/**
 * Applies the public rules to a case's facts.
 *
 * @example A request shape too few installs share is hidden
 * ```ts
 * import assert from "node:assert/strict";
 * import { publicCase } from "./public_case.ts";
 * const view = publicCase({ id: "CARO-2026-001", title: "t", status: "open", category: "rule_gap",
 *   confidence: 80, reasons: [], failureType: "safety_blocked", stage: "safety", requestShape: "rm <PATH>",
 *   requestShapeInstalls: 2, platforms: [], reports: 2, installs: 2, firstSeen: 0, lastSeen: 0 }, 5);
 * assert.equal(view.requestShape, undefined);
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
