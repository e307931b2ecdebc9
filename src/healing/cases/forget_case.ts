/**
 * `forgetCase`: erases one case's reports from the healing service (a
 * signed `DELETE /v1/reports/{id}` per local report, signed by this install,
 * the only key allowed to) and then every local trace of them: the case
 * records, queued or dropped copies, contacts and notices. A report the
 * service could not erase keeps its local record, so the user can try
 * again; nothing is removed locally in that case.
 *
 * @module
 */
import { removeLocalTraces, reportIdsForCase } from "./local_traces.ts";
import { loadOrCreateInstallKey } from "../identity/install_key.ts";
import { RequestFailure, signedFetch } from "../submit/signed_fetch.ts";
import { CaroError, UsageError } from "../../errors.ts";

/** What {@link forgetCase} needs. */
export interface ForgetOptions {
  caseId: string;
  dataDir: string;
  endpoint: string;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What was erased. */
export interface ForgetResult {
  caseId: string;
  /** Report ids erased on the service (or already gone there: 404). */
  erased: string[];
  contactsDeleted: number;
}

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Erases a case's reports remotely, then locally. Throws a one-line
 * {@link CaroError} when there is nothing local for the case or the service
 * did not confirm every deletion (then nothing local is removed).
 *
 * @example
 * ```ts ignore
 * const result = await forgetCase({ caseId: "CARO-2026-0042", dataDir, endpoint, now: Date.now });
 * ```
 */
export async function forgetCase(options: ForgetOptions): Promise<ForgetResult> {
  const { caseId, dataDir } = options;
  if (!CASE_ID.test(caseId)) {
    throw new UsageError(`"${caseId}" is not a case id (e.g. CARO-2026-0042)`);
  }
  const reportIds = await reportIdsForCase(dataDir, caseId);
  if (reportIds.length === 0) {
    throw new CaroError(`No report of this install is on case ${caseId} (see caro cases)`);
  }
  const installKey = await loadOrCreateInstallKey(dataDir);
  for (const reportId of reportIds) {
    let status: number;
    try {
      ({ status } = await signedFetch({
        endpoint: options.endpoint,
        method: "DELETE",
        path: `/v1/reports/${encodeURIComponent(reportId)}`,
        installKey,
        nowMs: options.now(),
        timeoutMs: options.timeoutMs ?? 10_000,
        fetch: options.fetch,
      }));
    } catch (error) {
      if (!(error instanceof RequestFailure)) throw error;
      throw new CaroError(
        `Cannot erase report ${reportId} of ${caseId}: ${error.message}; nothing was removed locally, try again`,
        { cause: error },
      );
    }
    if (status !== 204 && status !== 200 && status !== 404) {
      throw new CaroError(
        `The healing service did not erase report ${reportId} of ${caseId} (HTTP ${status}); nothing was removed locally, try again`,
      );
    }
  }
  const removed = await removeLocalTraces(dataDir, caseId, options.now(), reportIds);
  return { caseId, erased: reportIds, contactsDeleted: removed.contacts };
}
