/**
 * A stored report as both stores read it for the idempotency check (joined
 * with its case), and its mapping to {@link StoredReportRef}.
 *
 * @module
 */
import type { StoredReportRef } from "./report_port.ts";

/** The row: the report's case, sender and version, and the case's state now. */
export interface ReportRefRow {
  case_id: string;
  install_key: string;
  caro_version: string;
  status: string;
  confidence: number;
  fixed_in: string | null;
}

/**
 * Maps a row to the reference the replay answer reads.
 *
 * @example A null fixed-in becomes undefined
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportRowToRef } from "./report_row.ts";
 * const ref = reportRowToRef("r", { case_id: "CARO-2026-001", install_key: "a",
 *   caro_version: "1.2.0", status: "open", confidence: 80, fixed_in: null });
 * assert.equal(ref.caseId, "CARO-2026-001");
 * assert.equal(ref.fixedIn, undefined);
 * ```
 */
export function reportRowToRef(reportId: string, row: ReportRefRow): StoredReportRef {
  return {
    reportId,
    caseId: row.case_id,
    installKey: row.install_key,
    caroVersion: row.caro_version,
    status: row.status,
    confidence: row.confidence,
    fixedIn: row.fixed_in ?? undefined,
  };
}
