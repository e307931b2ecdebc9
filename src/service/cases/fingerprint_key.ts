/**
 * Which fingerprints key a report files under: its signature key, or a key
 * of its own space when it is quarantined, so a quarantined report never
 * joins (or opens) a published case.
 *
 * @module
 */
import type { IncomingReport } from "../store/report_port.ts";

/**
 * The fingerprints key of a report.
 *
 * @example Quarantined reports file apart
 * ```ts
 * import assert from "node:assert/strict";
 * import { fingerprintKey } from "./fingerprint_key.ts";
 * assert.equal(fingerprintKey({ signatureKey: "00aa" }), "00aa");
 * assert.equal(fingerprintKey({ signatureKey: "00aa", quarantined: true }), "quarantine:00aa");
 * ```
 */
export function fingerprintKey(
  report: Pick<IncomingReport, "signatureKey" | "quarantined">,
): string {
  return report.quarantined ? `quarantine:${report.signatureKey}` : report.signatureKey;
}
