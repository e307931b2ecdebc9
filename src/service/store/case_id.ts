/**
 * The case id format both stores allocate: `CARO-<year>-<seq>`.
 *
 * @module
 */

/**
 * Formats a case id (at least three digits, growing as needed).
 *
 * @example Three digits at least
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCaseId } from "./case_id.ts";
 * assert.equal(formatCaseId(2026, 7), "CARO-2026-007");
 * assert.equal(formatCaseId(2026, 1234), "CARO-2026-1234");
 * ```
 */
export function formatCaseId(year: number, seq: number): string {
  return `CARO-${year}-${String(seq).padStart(3, "0")}`;
}
