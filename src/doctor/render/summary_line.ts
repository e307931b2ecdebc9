/**
 * The doctor's last line, the same in every human form:
 * `7 ok · 0 warnings · 1 failure · 4 skipped`.
 *
 * @module
 */
import type { DoctorOutput } from "../doctor_output_schema.ts";
import { counted } from "../../platform/plural.ts";

/**
 * The summary counts in words, each noun in its number.
 *
 * @example One failure, not "1 failures"
 * ```ts
 * import assert from "node:assert/strict";
 * import { summaryLine } from "./summary_line.ts";
 * assert.equal(
 *   summaryLine({ ok: 7, warn: 0, fail: 1, skipped: 4 }),
 *   "7 ok · 0 warnings · 1 failure · 4 skipped",
 * );
 * ```
 */
export function summaryLine({ ok, warn, fail, skipped }: DoctorOutput["summary"]): string {
  return `${ok} ok · ${counted(warn, "warning")} · ${
    counted(fail, "failure")
  } · ${skipped} skipped`;
}
