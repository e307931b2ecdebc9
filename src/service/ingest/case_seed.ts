/**
 * The case-level facts a validated report brings: a title built from its
 * structured fields (never its free text), its classification, and the
 * facets the case counts (platform, request shape).
 *
 * @module
 */
import type { Classification } from "../../protocol/report/classify.ts";
import { foldRequestShape } from "../../protocol/report/signature.ts";
import type { WireReport } from "../../protocol/report/schema.ts";
import type { CaseSeed } from "../store/case_types.ts";

/** How each category's title begins; `{request}` is "a search request" and the like. */
const CATEGORY_TITLES: Record<string, string> = {
  rule_gap: "Safety rule blocks {request}",
  platform_incompatibility: "Execution fails on {request}",
  nl_parsing: "Request not understood: {request}",
  backend_limitation: "Backend fails on {request}",
  config_conflict: "Configuration conflict on {request}",
};

/**
 * A case title in plain English, from structured fields only: what happened,
 * to which kind of request, at which stage, and the rule or error code.
 *
 * @example Titles read as sentences
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseTitle } from "./case_seed.ts";
 * assert.equal(
 *   caseTitle("backend_limitation", "other", "inference", []),
 *   "Backend fails on a request at the inference stage",
 * );
 * assert.equal(
 *   caseTitle("rule_gap", "archive", "validation", ["rm-recursive"]),
 *   "Safety rule blocks an archive request at the validation stage (rm-recursive)",
 * );
 * assert.equal(caseTitle("nl_parsing", "file_management", "unknown", [], "E_PARSE"),
 *   "Request not understood: a file management request (E_PARSE)");
 * ```
 */
export function caseTitle(
  category: string,
  intent: string,
  stage: string,
  ruleIds: readonly string[],
  errorCode?: string,
): string {
  const kind = intent === "other" || intent === "unknown" ? "" : `${intent.replaceAll("_", " ")} `;
  const request = `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}request`;
  const opening = (CATEGORY_TITLES[category] ?? "Failure on {request}").replace(
    "{request}",
    request,
  );
  const where = stage === "unknown" ? "" : ` at the ${stage.replaceAll("_", " ")} stage`;
  const detail = ruleIds.length > 0
    ? ` (${[...ruleIds].sort().join(", ")})`
    : errorCode
    ? ` (${errorCode})`
    : "";
  return `${opening}${where}${detail}`;
}

/**
 * Builds the seed of the case a report belongs to.
 *
 * @example
 * ```ts ignore
 * const seed = caseSeed(report, classifyReport(report));
 * ```
 */
export function caseSeed(report: WireReport, classification: Classification): CaseSeed {
  const { failure, request, platform } = report;
  return {
    title: caseTitle(
      classification.category,
      request.intent_category,
      failure.stage,
      failure.safety_patterns_triggered,
      failure.error_code,
    ),
    category: classification.category,
    confidence: classification.confidence,
    reasons: classification.reasons,
    failureType: failure.failure_type,
    stage: failure.stage,
    errorCode: failure.error_code,
    requestShape: request.shape ? foldRequestShape(request.shape) : undefined,
    platform: `${platform.os}/${report.shell?.name ?? "unknown"}`,
    safetyRuleIds: failure.safety_patterns_triggered.length > 0
      ? [...failure.safety_patterns_triggered].sort()
      : undefined,
  };
}
