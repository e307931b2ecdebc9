/**
 * How one report changes its case: a new install counts its platform (and
 * the request shape, when it is the case's), the version is remembered (50
 * at most), and a report from a version at or after a resolved case's
 * fixed-in version reopens it as a regression; an older one leaves it
 * resolved and the answer names the fix.
 *
 * @module
 */
import { compareVersions } from "../versions.ts";
import type { CaseLanding, CaseNow, IncomingReport } from "../store/report_port.ts";

/** Versions remembered per case at most. */
const MAX_VERSIONS = 50;

/**
 * The case's new facts, whether it reopens, and the ingest result.
 *
 * @example A newer version reopens a resolved case
 * ```ts
 * import assert from "node:assert/strict";
 * import { landReport } from "./land_report.ts";
 * const seed = { title: "t", category: "nl_parsing", confidence: 60, reasons: [],
 *   failureType: "generation", stage: "parsing", platform: "linux/bash" };
 * const now = { status: "resolved", confidence: 60, fixedIn: "1.3.0", facts: {
 *   title: "t", reasons: [], failureType: "generation", stage: "parsing",
 *   shapeInstalls: 0, platforms: {}, versions: [] } };
 * const landed = landReport({ caseId: "CARO-2026-001", newCase: false, newInstall: true, now },
 *   { seed, caroVersion: "1.3.1" });
 * assert.equal(landed.reopened, true);
 * assert.equal(landed.result.status, "regression");
 * assert.equal(landed.result.fixedIn, undefined);
 * assert.deepEqual(landed.facts.platforms, { "linux/bash": 1 });
 * assert.deepEqual(landed.facts.versions, ["1.3.1"]);
 * ```
 */
export function landReport(
  landing: { caseId: string; newCase: boolean; newInstall: boolean; now: CaseNow },
  report: Pick<IncomingReport, "seed" | "caroVersion">,
): CaseLanding {
  const { now, newInstall } = landing;
  const { seed, caroVersion } = report;
  const facts = now.facts;
  if (newInstall) {
    facts.platforms[seed.platform] = (facts.platforms[seed.platform] ?? 0) + 1;
    if (seed.requestShape !== undefined && seed.requestShape === facts.requestShape) {
      facts.shapeInstalls++;
    }
  }
  if (!facts.versions.includes(caroVersion) && facts.versions.length < MAX_VERSIONS) {
    facts.versions.push(caroVersion);
  }
  const reopened = now.status === "resolved" && now.fixedIn !== null &&
    compareVersions(caroVersion, now.fixedIn) >= 0;
  return {
    facts,
    reopened,
    result: {
      caseId: landing.caseId,
      status: reopened ? "regression" : now.status,
      confidence: now.confidence,
      fixedIn: reopened ? undefined : now.fixedIn ?? undefined,
      newCase: landing.newCase,
      replay: false,
      reopened,
    },
  };
}
