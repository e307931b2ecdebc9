/**
 * The retention port on PostgreSQL: one transaction deletes what expired.
 *
 * @module
 */
import type postgres from "postgres";
import type { RetentionPort } from "../retention_port.ts";

/** Quota windows are kept this long. */
const QUOTA_ROWS_MS = 86_400_000;

/**
 * The retention port over a pool.
 *
 * @example
 * ```ts ignore
 * const result = await postgresRetention(sql).purgeExpired(Date.now(), RETENTION);
 * ```
 */
export function postgresRetention(sql: postgres.Sql): RetentionPort {
  return {
    purgeExpired: (now, policy) =>
      sql.begin(async (tx) => {
        const cutoff = now - policy.resolvedReportMs;
        await tx`create temporary table expired_reports on commit drop as
          select r.id from reports r join cases c on c.id = r.case_id
          where c.status = 'resolved' and c.resolved_at < ${cutoff}`;
        let contacts = (await tx`delete from contacts where report_id in
          (select id from expired_reports)`).count;
        await tx`delete from notifications where report_id in (select id from expired_reports)`;
        const reports = (await tx`delete from reports where id in
          (select id from expired_reports)`).count;
        contacts += (await tx`delete from contacts where report_id in
          (select report_id from notifications where delivered_at is not null)`).count;
        contacts += (await tx`delete from contacts
          where created_at < ${now - policy.contactMs}`).count;
        const deliveries = (await tx`delete from webhook_deliveries
          where received_at < ${now - policy.deliveryMs}`).count;
        const quotaRows =
          (await tx`delete from quota_counters where window_start < ${now - QUOTA_ROWS_MS}`)
            .count +
          (await tx`delete from quota_members where window_start < ${now - QUOTA_ROWS_MS}`).count;
        return { reports, contacts, deliveries, quotaRows };
      }),
  };
}
