/**
 * The notification port on SQLite: notices stored for installs, fetched in
 * id order and marked delivered.
 *
 * @module
 */
import type { NotificationPort } from "../notification_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * Stores one notice inside the caller's transaction.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { insertNotificationIn } from "./sqlite_notifications.ts";
 * const db = SqliteDb.open(":memory:");
 * db.run("pragma foreign_keys = off");
 * insertNotificationIn(db, "CARO-2026-001", { reportId: "r", installKey: "a", kind: "resolved" }, 1);
 * assert.equal(db.get<{ n: number }>("select count(*) as n from notifications")?.n, 1);
 * await db.close();
 * ```
 */
export function insertNotificationIn(
  db: SqliteDb,
  caseId: string,
  notice: { reportId: string; installKey: string; kind: string },
  now: number,
): void {
  db.run(
    `insert into notifications (install_key, case_id, report_id, kind, created_at)
     values (?, ?, ?, ?, ?)`,
    notice.installKey,
    caseId,
    notice.reportId,
    notice.kind,
    now,
  );
}

/**
 * The notification port over a database.
 *
 * @example Nothing for a new install
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteNotifications } from "./sqlite_notifications.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.deepEqual(await sqliteNotifications(db).notificationsFor("a", 0), []);
 * await db.close();
 * ```
 */
export function sqliteNotifications(db: SqliteDb): NotificationPort {
  return {
    notificationsFor(installKey, afterId) {
      const rows = db.all<{
        id: number;
        case_id: string;
        report_id: string;
        kind: string;
        created_at: number;
        status: string;
        fixed_in: string | null;
      }>(
        `select n.id, n.case_id, n.report_id, n.kind, n.created_at, c.status, c.fixed_in
         from notifications n join cases c on c.id = n.case_id
         where n.install_key = ? and n.id > ? order by n.id limit 100`,
        installKey,
        afterId,
      );
      return Promise.resolve(rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        reportId: r.report_id,
        kind: r.kind,
        createdAt: r.created_at,
        status: r.status,
        fixedIn: r.fixed_in ?? undefined,
      })));
    },
    markNotificationsDelivered: (installKey, upToId, now) =>
      db.tx(() => {
        db.run(
          `update notifications set delivered_at = ?
           where install_key = ? and id <= ? and delivered_at is null`,
          now,
          installKey,
          upToId,
        );
      }),
  };
}
