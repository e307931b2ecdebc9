/**
 * The report port on PostgreSQL: admissions go in batches, one transaction
 * each (`admission_batch.ts`): an advisory lock on each fingerprint key
 * serialises the reports of one problem, so two processes never open two
 * cases for one key, and a report id seen before answers with its original
 * case. Case ids come from a per-year counter row in that transaction (no
 * gaps: a rollback gives the numbers back). Decisions come from the caller's
 * {@link ReportRules}.
 *
 * @module
 */
import type postgres from "postgres";
import { type ReportRefRow, reportRowToRef } from "../report_row.ts";
import type { ReportPort, StoredReportRef } from "../report_port.ts";
import { type AdmissionQueue, admissionQueue } from "./admission_batch.ts";
import { isUuid, type PgSql } from "./postgres_sql.ts";

/**
 * The report port over a pool.
 *
 * @example
 * ```ts ignore
 * const reports = postgresReports(sql);
 * ```
 */
export function postgresReports(
  sql: postgres.Sql,
): ReportPort & Pick<AdmissionQueue, "settled"> {
  const admissions = admissionQueue(sql);
  return {
    admitReport: (report, plan, rules) => admissions.admit(report, plan, rules),
    settled: () => admissions.settled(),
    findReport: (reportId) => findReportIn(sql, reportId),
    eraseReport: (reportId, installKey) =>
      sql.begin(async (tx) => {
        const [row] = await tx<{ case_id: string; install_key: string }[]>`
          select case_id, install_key from reports where id = ${reportId} for update`;
        if (!row) return "not_found" as const;
        if (row.install_key !== installKey) return "forbidden" as const;
        await tx`delete from contacts where report_id = ${reportId}`;
        await tx`delete from notifications where report_id = ${reportId}`;
        await tx`delete from reports where id = ${reportId}`;
        await tx`delete from case_installs where case_id = ${row.case_id}
                   and install_key = ${installKey}
                   and not exists (select 1 from reports where case_id = ${row.case_id}
                                     and install_key = ${installKey})`;
        return "erased" as const;
      }),
  };
}

/** A stored report by id, inside a transaction or not. */
async function findReportIn(sql: PgSql, reportId: string): Promise<StoredReportRef | undefined> {
  if (!isUuid(reportId)) return undefined;
  const [row] = await sql<
    ReportRefRow[]
  >`select r.case_id, r.install_key, r.caro_version, c.status, c.confidence, c.fixed_in
    from reports r join cases c on c.id = r.case_id where r.id = ${reportId}`;
  return row && reportRowToRef(reportId, row);
}
