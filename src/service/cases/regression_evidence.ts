/**
 * When a resolved case reopens as a regression: anyone can mint an install
 * key and claim any version, so a claim counts only when the version is a
 * release of the repository the service saw (a `release.published` webhook),
 * at or after the version the case was fixed in, sent by an install that was
 * established (a day old) when it reported. The case reopens once more than
 * one such install reported it since its resolution; until then reporters are
 * told it was fixed in that version.
 *
 * @module
 */
import type { ReleasedVersionReport } from "../store/report_port.ts";
import { compareVersions } from "../versions.ts";
import { isEstablished } from "./install_age.ts";

/** Distinct established installs needed to reopen a case. */
export const REGRESSION_WITNESSES = 2;

/**
 * Whether the reports since the resolution show a regression of a case fixed in `fixedIn`.
 *
 * @example Two established installs on a released version ≥ the fix reopen it; one does not
 * ```ts
 * import assert from "node:assert/strict";
 * import { isRegression } from "./regression_evidence.ts";
 * const day = 86_400_000;
 * const a = { installKey: "a", caroVersion: "1.3.0", receivedAt: 2 * day, installFirstSeen: 0 };
 * const b = { ...a, installKey: "b" };
 * const young = { ...a, installKey: "c", installFirstSeen: 2 * day };
 * assert.equal(isRegression([a, a, young], "1.3.0"), false);
 * assert.equal(isRegression([a, b], "1.3.0"), true);
 * assert.equal(isRegression([a, b], "1.4.0"), false);
 * ```
 */
export function isRegression(reports: readonly ReleasedVersionReport[], fixedIn: string): boolean {
  const witnesses = new Set(
    reports.filter((r) =>
      compareVersions(r.caroVersion, fixedIn) >= 0 &&
      isEstablished(r.installFirstSeen, r.receivedAt)
    ).map((r) => r.installKey),
  );
  return witnesses.size >= REGRESSION_WITNESSES;
}
