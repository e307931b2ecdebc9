/**
 * The case a report opens when its key has none: `open`, or `quarantined`
 * (never published) for a report that tripped an abuse heuristic; its facts
 * start from the report's seed with nothing counted yet.
 *
 * @module
 */
import type { IncomingReport, OpenedCase } from "../store/report_port.ts";

/**
 * The new case of a report.
 *
 * @example A quarantined report opens a quarantined case
 * ```ts
 * import assert from "node:assert/strict";
 * import { openCase } from "./open_case.ts";
 * const seed = { title: "t", category: "nl_parsing", confidence: 60, reasons: [],
 *   failureType: "generation", stage: "parsing", platform: "linux/bash" };
 * const opened = openCase({ seed, quarantined: true });
 * assert.equal(opened.status, "quarantined");
 * assert.equal(opened.facts.shapeInstalls, 0);
 * assert.deepEqual(opened.facts.platforms, {});
 * ```
 */
export function openCase(report: Pick<IncomingReport, "seed" | "quarantined">): OpenedCase {
  const { seed } = report;
  return {
    status: report.quarantined ? "quarantined" : "open",
    facts: {
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
    },
  };
}
