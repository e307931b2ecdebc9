/**
 * Every local trace of one case, for `caro forget CASE_ID`: the case's
 * records in `cases.json` (its report ids are what the service is asked to
 * erase), queue files of those reports, their drop records, the case's
 * notices and the contacts kept for it.
 *
 * @module
 */
import { deleteContactsForCase } from "../contact/contact_store.ts";
import { claimQueueEntry } from "../queue/claim_entry.ts";
import { forgetDropped } from "../queue/dropped_log.ts";
import { CorruptQueueFile } from "../queue/queue_entry.ts";
import { entryPath } from "../queue/queue_paths.ts";
import { updateNoticeFile } from "../notification/notice_store.ts";
import { readCaseRecords, updateCaseRecords } from "./case_records.ts";

/**
 * The report ids this install sent that joined `caseId`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportIdsForCase } from "./local_traces.ts";
 * assert((await reportIdsForCase(await Deno.makeTempDir(), "CARO-2026-0001")).length === 0);
 * ```
 */
export async function reportIdsForCase(dataDir: string, caseId: string): Promise<string[]> {
  return (await readCaseRecords(dataDir)).filter((r) => r.caseId === caseId).map((r) => r.reportId);
}

/** What {@link removeLocalTraces} removed. */
export interface RemovedTraces {
  reportIds: string[];
  caseRecords: number;
  queued: number;
  notices: number;
  contacts: number;
}

/**
 * Removes every local trace of `caseId` (and of `extraReportIds`, e.g. a
 * report id the user named that never got a case).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { removeLocalTraces } from "./local_traces.ts";
 * import { recordCaseReport } from "./case_records.ts";
 * const dir = await Deno.makeTempDir();
 * await recordCaseReport(dir, { reportId: "r1", caseId: "CARO-2026-0001", status: "open", trackUrl: "u", submittedAt: 1 });
 * const removed = await removeLocalTraces(dir, "CARO-2026-0001", Date.now());
 * assert(removed.caseRecords === 1 && removed.reportIds[0] === "r1");
 * ```
 */
export async function removeLocalTraces(
  dataDir: string,
  caseId: string,
  now: number,
  extraReportIds: readonly string[] = [],
): Promise<RemovedTraces> {
  const reportIds = [...new Set([...await reportIdsForCase(dataDir, caseId), ...extraReportIds])];
  let caseRecords = 0;
  await updateCaseRecords(dataDir, (records) => {
    const kept = records.filter((r) => r.caseId !== caseId && !reportIds.includes(r.reportId));
    caseRecords = records.length - kept.length;
    return kept;
  });
  let queued = 0;
  for (const reportId of reportIds) {
    const claimed = await claimQueueEntry(entryPath(dataDir, reportId)).catch(async (error) => {
      if (!(error instanceof CorruptQueueFile)) throw error;
      await Deno.remove(entryPath(dataDir, reportId)).catch(() => {});
      return "gone" as const;
    });
    if (claimed === "gone" || claimed === "busy") continue;
    try {
      await claimed.remove();
      queued++;
    } finally {
      claimed.release();
    }
  }
  await forgetDropped(dataDir, new Set(reportIds));
  let notices = 0;
  await updateNoticeFile(dataDir, now, (file) => {
    const kept = file.notices.filter((n) => n.caseId !== caseId);
    notices = file.notices.length - kept.length;
    return { ...file, notices: kept };
  });
  const contacts = await deleteContactsForCase(dataDir, caseId, reportIds);
  return { reportIds, caseRecords, queued, notices, contacts };
}
