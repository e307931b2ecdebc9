/**
 * How one report changes its case: a new install counts its platform (and
 * the request shape, when it is the case's),
 * the version is remembered (50 at most), and a resolved case reopens as a
 * regression only on the evidence `regression_evidence.ts` asks for;
 * otherwise it stays resolved and the answer names the fix.
 *
 * @module
 */
import type { CaseLanding, IncomingReport, Landing } from "../store/report_port.ts";
import { isRegression } from "./regression_evidence.ts";

/** Versions remembered per case at most. */
const MAX_VERSIONS = 50;

/**
 * The case's new facts, whether it reopens, and the ingest result.
 *
 * @example A new install is counted; one established witness is no regression
 * ```ts
 * import assert from "node:assert/strict";
 * import { landReport } from "./land_report.ts";
 * const day = 86_400_000;
 * const seed = { title: "t", category: "nl_parsing", confidence: 60, reasons: [],
 *   failureType: "generation", stage: "parsing", platform: "linux/bash" };
 * const witness = { installKey: "a", caroVersion: "1.3.1", receivedAt: 2 * day, installFirstSeen: 0 };
 * const now = { status: "resolved", confidence: 60, fixedIn: "1.3.0", installs: 4,
 *   establishedInstalls: 1, filed: true,
 *   releasedVersionReports: [witness], facts: { title: "t", reasons: [], failureType: "generation",
 *   stage: "parsing", shapeInstalls: 0, platforms: {}, versions: [] } };
 * const landed = landReport({ caseId: "CARO-2026-001", newCase: false, newInstall: true,
 *   now }, { seed, caroVersion: "1.3.1" });
 * assert.equal(landed.reopened, false);
 * assert.equal(landed.result.status, "resolved");
 * assert.equal(landed.result.fixedIn, "1.3.0");
 * assert.equal(landed.installs, 5);
 * assert.deepEqual(landed.facts.platforms, { "linux/bash": 1 });
 * assert.deepEqual(landed.facts.versions, ["1.3.1"]);
 * const two = landReport({ caseId: "CARO-2026-001", newCase: false, newInstall: false,
 *   now: { ...now, releasedVersionReports: [witness, { ...witness, installKey: "b" }] } },
 *   { seed, caroVersion: "1.3.1" });
 * assert.equal(two.reopened, true);
 * assert.equal(two.result.status, "regression");
 * ```
 */
export function landReport(
  landing: Landing,
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
    isRegression(now.releasedVersionReports, now.fixedIn);
  return {
    facts,
    reopened,
    installs: now.installs + (newInstall ? 1 : 0),
    establishedInstalls: now.establishedInstalls,
    filed: now.filed,
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
