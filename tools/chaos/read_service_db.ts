/**
 * Reads what the service stored, straight from its SQLite file (read-only,
 * after the service has stopped): every report's id, case and failure code.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type { StoredReport } from "./chaos_verdict.ts";

/**
 * Lists the stored reports of a stopped service's SQLite file.
 *
 * @example
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { readStoredReports } from "./read_service_db.ts";
 * const rows = readStoredReports("/tmp/chaos/healing.db");
 * assert(Array.isArray(rows));
 * ```
 */
export function readStoredReports(dbFile: string): StoredReport[] {
  const db = new DatabaseSync(dbFile, { readOnly: true });
  try {
    const rows = db.prepare("SELECT id, case_id, body FROM reports").all() as {
      id: string;
      case_id: string;
      body: string;
    }[];
    return rows.map((row) => {
      let failure: string | undefined;
      try {
        failure = JSON.parse(row.body)?.failure?.error_code;
      } catch { /* a body that is not JSON stays without a failure code */ }
      return { id: row.id, caseId: row.case_id, failure };
    });
  } finally {
    db.close();
  }
}
