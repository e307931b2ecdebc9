/**
 * The retention port on SQLite: one savepoint deletes what expired.
 *
 * @module
 */
import type { RetentionPort } from "../retention_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/** Quota windows are kept this long. */
const QUOTA_ROWS_MS = 86_400_000;

/**
 * The retention port over a database.
 *
 * @example Nothing to purge
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteRetention } from "./sqlite_retention.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.deepEqual(await sqliteRetention(db).purgeExpired(0, { resolvedReportMs: 1, contactMs: 1, deliveryMs: 1 }),
 *   { reports: 0, contacts: 0, deliveries: 0, quotaRows: 0 });
 * await db.close();
 * ```
 */
export function sqliteRetention(db: SqliteDb): RetentionPort {
  return {
    purgeExpired: (now, policy) =>
      db.tx(() => {
        const cutoff = now - policy.resolvedReportMs;
        const expired = `select r.id from reports r join cases c on c.id = r.case_id
                         where c.status = 'resolved' and c.resolved_at < ?`;
        let contacts = db.run(`delete from contacts where report_id in (${expired})`, cutoff);
        db.run(`delete from notifications where report_id in (${expired})`, cutoff);
        const reports = db.run(`delete from reports where id in (${expired})`, cutoff);
        contacts += db.run(
          `delete from contacts where report_id in
             (select report_id from notifications where delivered_at is not null)`,
        );
        contacts += db.run("delete from contacts where created_at < ?", now - policy.contactMs);
        const deliveries = db.run(
          "delete from webhook_deliveries where received_at < ?",
          now - policy.deliveryMs,
        );
        let quotaRows = 0;
        for (const table of ["quota_counters", "quota_members"]) {
          quotaRows += db.run(`delete from ${table} where window_start < ?`, now - QUOTA_ROWS_MS);
        }
        return { reports, contacts, deliveries, quotaRows };
      }),
  };
}
