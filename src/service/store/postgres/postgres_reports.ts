/**
 * The report port on PostgreSQL: one transaction per report; an advisory
 * lock on the report's fingerprint key serialises reports of one problem, so
 * two processes never open two cases for one key, and a report id seen
 * before answers with its original case. Case ids come from a per-year
 * counter row in that transaction (no gaps: a rollback gives the number
 * back). Decisions come from the caller's {@link ReportRules}.
 *
 * @module
 */
import type postgres from "postgres";
import { formatCaseId } from "../case_id.ts";
import { type ReportRefRow, reportRowToRef } from "../report_row.ts";
import type {
  IncomingReport,
  IngestResult,
  ReportPort,
  ReportRules,
  StoredFacts,
  StoredReportRef,
} from "../report_port.ts";
import { enqueueIn } from "./postgres_outbox.ts";
import { chargeQuotasIn, installFirstSeenIn, recordInstallIn } from "./postgres_quotas.ts";
import type { PgSql } from "./postgres_sql.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The report port over a pool.
 *
 * @example
 * ```ts ignore
 * const reports = postgresReports(sql);
 * ```
 */
export function postgresReports(sql: postgres.Sql): ReportPort {
  return {
    admitReport: (report, plan, rules) =>
      sql.begin(async (tx) => {
        const key = rules.fingerprintKey(report);
        // Pipelined (one round trip; PostgreSQL runs them in this order, after the lock).
        const [, seen, admitted, [known]] = await Promise.all([
          tx`select pg_advisory_xact_lock(hashtext(${key}))`,
          findReportIn(tx, report.reportId),
          // A key's age counts from its first admitted report; a refused key leaves no row.
          installFirstSeenIn(tx, report.installKey),
          tx<{ case_id: string }[]>`select case_id from fingerprints where key = ${key}`,
        ]);
        if (seen) return { ok: true, result: rules.replay(seen) } as const;
        const firstSeen = admitted ?? report.receivedAt;
        const decision = await chargeQuotasIn(
          tx,
          plan({ firstSeen, caseId: known?.case_id }),
          report.receivedAt,
        );
        if (!decision.ok) return { ok: false, refusal: decision } as const;
        if (admitted === undefined) await recordInstallIn(tx, report.installKey, firstSeen);
        return {
          ok: true,
          result: await recordIn(tx, report, { key, caseId: known?.case_id, firstSeen }, rules),
        } as const;
      }),
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

/**
 * Stores a new report inside `tx`, which holds the key's lock; `firstSeen`
 * is its install's first admission.
 */
async function recordIn(
  tx: postgres.TransactionSql,
  report: IncomingReport,
  known: { key: string; caseId: string | undefined; firstSeen: number },
  rules: ReportRules,
): Promise<IngestResult> {
  const t = report.receivedAt;
  const { key, caseId: knownCaseId } = known;
  let caseId = knownCaseId;
  if (caseId === undefined) {
    caseId = await allocateCaseId(tx, new Date(t).getUTCFullYear());
    const opened = rules.openCase(report);
    await tx`insert into cases (id, signature_key, status, category, confidence, facts,
               report_count, install_count, first_seen, last_seen)
             values (${caseId}, ${report.signatureKey}, ${opened.status}, ${report.seed.category},
               ${report.seed.confidence}, ${tx.json(opened.facts as never)}, 0, 0, ${t}, ${t})`;
    await tx`insert into fingerprints (key, case_id, version)
             values (${key}, ${caseId}, ${report.keyVersion})`;
  }
  // Pipelined (one round trip): the report, its install on the case, the case row, the count.
  const [, installed, [row], [established]] = await Promise.all([
    tx`insert into reports (id, case_id, install_key, received_at, caro_version, body)
       values (${report.reportId}, ${caseId}, ${report.installKey}, ${t},
         ${report.caroVersion}, ${tx.json(report.body as never)})`,
    tx`insert into case_installs (case_id, install_key, first_seen)
       values (${caseId}, ${report.installKey}, ${known.firstSeen}) on conflict do nothing`,
    tx<{
      status: string;
      confidence: number;
      facts: StoredFacts;
      fixed_in: string | null;
      resolved_at: bigint | null;
      install_count: number;
      issue_number: number | null;
    }[]>`select status, confidence, facts, fixed_in, resolved_at, install_count, issue_number
       from cases where id = ${caseId} for update`,
    tx<{ n: number }[]>`
      select count(*)::int as n from (select 1 from case_installs
        where case_id = ${caseId} and first_seen <= ${t - rules.establishedAfterMs}
        limit ${rules.establishedCountCap}) established`,
  ]);
  const newInstall = installed.count === 1;
  const released = row.status !== "resolved" ? [] : await tx<
    { install_key: string; caro_version: string; received_at: bigint; first_seen: bigint }[]
  >`select r.install_key, r.caro_version, r.received_at, i.first_seen
    from reports r join installs i on i.key = r.install_key
      join releases v on v.version = r.caro_version
    where r.case_id = ${caseId} and r.received_at >= ${Number(row.resolved_at ?? 0)}
    order by r.received_at limit 1000`;
  const landed = rules.land({
    caseId,
    newCase: knownCaseId === undefined,
    newInstall,
    now: {
      status: row.status,
      confidence: row.confidence,
      facts: row.facts,
      fixedIn: row.fixed_in,
      installs: row.install_count,
      establishedInstalls: established.n,
      filed: row.issue_number !== null,
      releasedVersionReports: released.map((r) => ({
        installKey: r.install_key,
        caroVersion: r.caro_version,
        receivedAt: Number(r.received_at),
        installFirstSeen: Number(r.first_seen),
      })),
    },
  }, report);
  // The writes below are pipelined: one round trip, run in this order.
  const writes: Promise<unknown>[] = [tx`update cases set report_count = report_count + 1,
             install_count = install_count + ${newInstall ? 1 : 0},
             last_seen = greatest(last_seen, ${t}), facts = ${tx.json(landed.facts as never)}
           where id = ${caseId}`];
  if (landed.reopened) {
    writes.push(tx`update cases set status = 'regression', fixed_in = null, fix_sha = null,
               resolved_at = null where id = ${caseId}`);
  }
  if (report.contact) {
    writes.push(tx`insert into contacts (report_id, method, value, created_at)
             values (${report.reportId}, ${report.contact.method}, ${report.contact.value}, ${t})`);
  }
  for (const job of rules.jobsAfter(report, caseId, landed)) writes.push(enqueueIn(tx, job, t));
  await Promise.all(writes);
  return landed.result;
}

/**
 * The next case id of `year`: the counter row's lock serialises concurrent
 * allocators and a rolled back transaction gives its number back.
 */
async function allocateCaseId(tx: postgres.TransactionSql, year: number): Promise<string> {
  const [row] = await tx<{ seq: number }[]>`
    insert into case_counters (year, seq) values (${year}, 1)
    on conflict (year) do update set seq = case_counters.seq + 1
    returning seq`;
  return formatCaseId(year, row.seq);
}

/** A stored report by id, inside a transaction or not. */
async function findReportIn(sql: PgSql, reportId: string): Promise<StoredReportRef | undefined> {
  if (!UUID.test(reportId)) return undefined;
  const [row] = await sql<
    ReportRefRow[]
  >`select r.case_id, r.install_key, r.caro_version, c.status, c.confidence, c.fixed_in
    from reports r join cases c on c.id = r.case_id where r.id = ${reportId}`;
  return row && reportRowToRef(reportId, row);
}
