/**
 * What happens locally once the service accepted a report, whether it was
 * sent at once (`deliverReport`) or later from the queue (`flushQueue`):
 * the report and its case are recorded in `cases.json`, and a contact saved
 * for the report is linked to the case (so it can be deleted once the
 * case's notice has been shown).
 *
 * @module
 */
import { linkContactToCase } from "../contact/contact_store.ts";
import type { Receipt } from "../submit/post_report.ts";
import { recordCaseReport } from "./case_records.ts";

/**
 * Records a delivered report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordDelivery } from "./record_delivery.ts";
 * import { readCaseRecords } from "./case_records.ts";
 * const dir = await Deno.makeTempDir();
 * await recordDelivery(dir, "r1", { reportId: "r1", caseId: "CARO-2026-0001", status: "open", trackUrl: "https://h/c" }, 1);
 * assert((await readCaseRecords(dir))[0].status === "open");
 * ```
 */
export async function recordDelivery(
  dataDir: string,
  reportId: string,
  receipt: Receipt,
  now: number,
): Promise<void> {
  await recordCaseReport(dataDir, {
    reportId,
    caseId: receipt.caseId,
    status: receipt.status,
    trackUrl: receipt.trackUrl,
    submittedAt: now,
    ...(receipt.fixedIn ? { fixedIn: receipt.fixedIn } : {}),
    ...(receipt.message ? { message: receipt.message } : {}),
  });
  await linkContactToCase(dataDir, reportId, receipt.caseId);
}
