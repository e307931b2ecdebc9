/**
 * The contact port on SQLite.
 *
 * @module
 */
import type { ContactPort } from "../contact_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * The contact port over a database.
 *
 * @example No contact for an unknown report
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteContacts } from "./sqlite_contacts.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.equal(await sqliteContacts(db).contactFor("r"), undefined);
 * await db.close();
 * ```
 */
export function sqliteContacts(db: SqliteDb): ContactPort {
  return {
    contactFor: (reportId) =>
      Promise.resolve(
        db.get<{ method: string; value: string }>(
          "select method, value from contacts where report_id = ?",
          reportId,
        ),
      ),
    deleteContact: (reportId) =>
      db.tx(() => {
        db.run("delete from contacts where report_id = ?", reportId);
      }),
  };
}
