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

const CATEGORY_TITLES: Record<string, string> = {
  rule_gap: "Safety rule blocks",
  platform_incompatibility: "Execution fails",
  nl_parsing: "Request not understood",
  backend_limitation: "Backend fails",
  config_conflict: "Configuration conflict",
};

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
  const detail = failure.safety_patterns_triggered.length > 0
    ? ` (${[...failure.safety_patterns_triggered].sort().join(", ")})`
    : failure.error_code
    ? ` (${failure.error_code})`
    : "";
  return {
    title: `${CATEGORY_TITLES[classification.category]} a ${
      request.intent_category.replaceAll("_", " ")
    } request at ${failure.stage}${detail}`,
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
