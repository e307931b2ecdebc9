/**
 * `<data>/cases.json`: this install's delivered reports and the cases they
 * joined (report id, case id, last known status, tracking URL). Written by
 * delivery and by notification refreshes; read by `caro cases` and
 * `caro forget`. Changes are made under a lock, written atomically (0600).
 * The file is never read through a symbolic link, and its strings (which
 * came from the service) pass `printableText` when read.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { CaroError } from "../../errors.ts";
import { withFileLock } from "../queue/file_lock.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { readOwnTextFile, RefusedFile } from "../../platform/own_file.ts";
import { printableText } from "../../platform/printable_text.ts";

/** A cases file bigger than this is not ours. */
const MAX_CASES_BYTES = 4 * 1024 * 1024;

/** One delivered report. */
export interface CaseRecord {
  reportId: string;
  caseId: string;
  status: string;
  trackUrl: string;
  /** Epoch ms. */
  submittedAt: number;
  fixedIn?: string;
  message?: string;
}

/**
 * The cases file of `dataDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { casesPath } from "./case_records.ts";
 * assert(casesPath("/d") === "/d/cases.json");
 * ```
 */
export function casesPath(dataDir: string): string {
  return join(dataDir, "cases.json");
}

/**
 * All records, oldest first. A damaged file is a one-line {@link CaroError}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCaseRecords } from "./case_records.ts";
 * assert((await readCaseRecords(await Deno.makeTempDir())).length === 0);
 * ```
 */
export async function readCaseRecords(dataDir: string): Promise<CaseRecord[]> {
  const path = casesPath(dataDir);
  let text: string;
  try {
    text = await readOwnTextFile(path, MAX_CASES_BYTES);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    if (error instanceof RefusedFile) throw error;
    throw new CaroError(`Cannot read "${path}": ${(error as Error).message}`, { cause: error });
  }
  const records = parseCaseRecords(text);
  if (!records) throw new CaroError(`Cannot read "${path}": not a caro cases file`);
  return records;
}

/**
 * Changes the records under the lock: `change` gets the current list and
 * returns the new one. A damaged file is set aside as `cases.json.corrupt`
 * and the change starts from an empty list, so delivery never fails on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCaseRecords, updateCaseRecords } from "./case_records.ts";
 * const dir = await Deno.makeTempDir();
 * await updateCaseRecords(dir, (all) => [...all, {
 *   reportId: "r1", caseId: "CARO-2026-0001", status: "open", trackUrl: "https://h/c", submittedAt: 1,
 * }]);
 * assert((await readCaseRecords(dir))[0].caseId === "CARO-2026-0001");
 * ```
 */
export async function updateCaseRecords(
  dataDir: string,
  change: (records: CaseRecord[]) => CaseRecord[],
): Promise<CaseRecord[]> {
  const path = casesPath(dataDir);
  return await withFileLock(path, async () => {
    let current: CaseRecord[] = [];
    try {
      const parsed = parseCaseRecords(await readOwnTextFile(path, MAX_CASES_BYTES));
      if (parsed) current = parsed;
      else await Deno.rename(path, `${path}.corrupt`);
    } catch (error) {
      if (error instanceof RefusedFile) await Deno.rename(path, `${path}.corrupt`);
      else if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    const next = change(current);
    await writeFileAtomic(path, encodeCaseRecords(next));
    return next;
  });
}

/**
 * Adds (or replaces, by report id) the record of a delivered report.
 *
 * @example
 * ```ts
 * import { recordCaseReport } from "./case_records.ts";
 * await recordCaseReport(await Deno.makeTempDir(), {
 *   reportId: "r1", caseId: "CARO-2026-0001", status: "open", trackUrl: "https://h/c", submittedAt: 1,
 * });
 * ```
 */
export async function recordCaseReport(dataDir: string, record: CaseRecord): Promise<void> {
  await updateCaseRecords(dataDir, (all) => [
    ...all.filter((r) => r.reportId !== record.reportId),
    record,
  ]);
}

function encodeCaseRecords(records: CaseRecord[]): Uint8Array {
  const reports = records.map((r) => ({
    report_id: r.reportId,
    case_id: r.caseId,
    status: r.status,
    track_url: r.trackUrl,
    submitted_at: r.submittedAt,
    fixed_in: r.fixedIn,
    message: r.message,
  }));
  return new TextEncoder().encode(JSON.stringify({ version: 1, reports }, null, 1) + "\n");
}

function parseCaseRecords(text: string): CaseRecord[] | undefined {
  let json: { version?: unknown; reports?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (json?.version !== 1 || !Array.isArray(json.reports)) return undefined;
  return json.reports.flatMap((r: Record<string, unknown>) =>
    typeof r?.report_id === "string" && typeof r.case_id === "string" &&
      typeof r.status === "string" && typeof r.track_url === "string"
      ? [{
        reportId: printableText(r.report_id),
        caseId: printableText(r.case_id),
        status: printableText(r.status),
        trackUrl: printableText(r.track_url),
        submittedAt: typeof r.submitted_at === "number" ? r.submitted_at : 0,
        ...(typeof r.fixed_in === "string" ? { fixedIn: printableText(r.fixed_in) } : {}),
        ...(typeof r.message === "string" ? { message: printableText(r.message) } : {}),
      }]
      : []
  );
}
