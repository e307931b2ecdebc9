/**
 * The notification port on PostgreSQL.
 *
 * @module
 */
import type postgres from "postgres";
import type { NotificationPort } from "../notification_port.ts";
import type { PgSql } from "./postgres_sql.ts";

/**
 * Stores one notice on the pool or inside a transaction.
 *
 * @example
 * ```ts ignore
 * await insertNotificationIn(tx, "CARO-2026-001", { reportId, installKey, kind: "resolved" }, now);
 * ```
 */
export async function insertNotificationIn(
  sql: PgSql,
  caseId: string,
  notice: { reportId: string; installKey: string; kind: string },
  now: number,
): Promise<void> {
  await sql`insert into notifications (install_key, case_id, report_id, kind, created_at)
            values (${notice.installKey}, ${caseId}, ${notice.reportId}, ${notice.kind}, ${now})`;
}

/**
 * The notification port over a pool.
 *
 * @example
 * ```ts ignore
 * const notices = await postgresNotifications(sql).notificationsFor(installKey, 0);
 * ```
 */
export function postgresNotifications(sql: postgres.Sql): NotificationPort {
  return {
    async notificationsFor(installKey, afterId) {
      const rows = await sql<
        {
          id: bigint;
          case_id: string;
          report_id: string;
          kind: string;
          created_at: bigint;
          status: string;
          fixed_in: string | null;
        }[]
      >`select n.id, n.case_id, n.report_id, n.kind, n.created_at, c.status, c.fixed_in
        from notifications n join cases c on c.id = n.case_id
        where n.install_key = ${installKey} and n.id > ${afterId} order by n.id limit 100`;
      return rows.map((r) => ({
        id: Number(r.id),
        caseId: r.case_id,
        reportId: r.report_id,
        kind: r.kind,
        createdAt: Number(r.created_at),
        status: r.status,
        fixedIn: r.fixed_in ?? undefined,
      }));
    },
    async markNotificationsDelivered(installKey, upToId, now) {
      await sql`update notifications set delivered_at = ${now}
        where install_key = ${installKey} and id <= ${upToId} and delivered_at is null`;
    },
  };
}
