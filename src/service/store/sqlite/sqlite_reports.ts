/**
 * The report port on SQLite: a report, its install's first sighting, its
 * quotas, its case (opened or changed) and the jobs that follow, in one
 * savepoint of the group commit. Decisions come from the caller's
 * {@link ReportRules}. An install's first admission and a key's case, once
 * committed, are remembered (`remembered_rows.ts`) instead of read again.
 *
 * @module
 */
import { formatCaseId } from "../case_id.ts";
import { type ReportRefRow, reportRowToRef } from "../report_row.ts";
import { RememberedRows } from "../remembered_rows.ts";
import type {
  AdmitOutcome,
  IncomingReport,
  IngestResult,
  ReleasedVersionReport,
  ReportPort,
  ReportRules,
  StoredFacts,
  StoredReportRef,
} from "../report_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";
import { enqueueIn } from "./sqlite_outbox.ts";
import { chargeQuotasIn, touchInstallIn } from "./sqlite_quotas.ts";

/**
 * The report port over a database.
 *
 * @example A stored report is found again
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteReports } from "./sqlite_reports.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.equal(await sqliteReports(db).findReport(crypto.randomUUID()), undefined);
 * await db.close();
 * ```
 */
export function sqliteReports(db: SqliteDb): ReportPort {
  const known = new RememberedRows();
  return {
    admitReport(report, plan, rules) {
      let committed: { key: string; caseId: string; firstSeen: number } | undefined;
      return db.tx((): AdmitOutcome => {
        const seen = findReportIn(db, report.reportId);
        if (seen) return { ok: true, result: rules.replay(seen) };
        // A key's age counts from its first admitted report; a refused key leaves no row.
        const admitted = known.firstAdmitted(report.installKey) ??
          db.get<{ first_seen: number }>(
            "select first_seen from installs where key = ?",
            report.installKey,
          )?.first_seen;
        const firstSeen = admitted ?? report.receivedAt;
        const key = rules.fingerprintKey(report);
        const caseId = known.caseOfKey(key) ??
          db.get<{ case_id: string }>("select case_id from fingerprints where key = ?", key)
            ?.case_id;
        const decision = chargeQuotasIn(db, plan({ firstSeen, caseId }), report.receivedAt);
        if (!decision.ok) return { ok: false, refusal: decision };
        if (admitted === undefined) touchInstallIn(db, report.installKey, firstSeen);
        const result = recordIn(db, report, { key, caseId, firstSeen }, rules);
        committed = { key, caseId: result.caseId, firstSeen };
        return { ok: true, result };
      }).then((outcome) => {
        // Resolved after the group's COMMIT: the rows are there to stay.
        if (committed) {
          known.rememberInstall(report.installKey, committed.firstSeen);
          known.rememberCase(committed.key, committed.caseId);
        }
        return outcome;
      });
    },
    findReport: (reportId) => Promise.resolve(findReportIn(db, reportId)),
    eraseReport: (reportId, installKey) =>
      db.tx(() => {
        const row = db.get<{ case_id: string; install_key: string }>(
          "select case_id, install_key from reports where id = ?",
          reportId,
        );
        if (!row) return "not_found" as const;
        if (row.install_key !== installKey) return "forbidden" as const;
        db.run("delete from contacts where report_id = ?", reportId);
        db.run("delete from notifications where report_id = ?", reportId);
        db.run("delete from reports where id = ?", reportId);
        if (
          !db.get(
            "select 1 from reports where case_id = ? and install_key = ?",
            row.case_id,
            installKey,
          )
        ) {
          db.run(
            "delete from case_installs where case_id = ? and install_key = ?",
            row.case_id,
            installKey,
          );
        }
        return "erased" as const;
      }),
  };
}

/**
 * Stores a new report in the case of `key` (opening it when `caseId` is
 * undefined); `firstSeen` is its install's first admission.
 */
function recordIn(
  db: SqliteDb,
  report: IncomingReport,
  known: { key: string; caseId: string | undefined; firstSeen: number },
  rules: ReportRules,
): IngestResult {
  const t = report.receivedAt;
  const { key, caseId: knownCaseId } = known;
  let caseId = knownCaseId;
  if (caseId === undefined) {
    caseId = allocateCaseId(db, new Date(t).getUTCFullYear());
    const opened = rules.openCase(report);
    db.run(
      `insert into cases (id, signature_key, status, category, confidence, facts,
         report_count, install_count, first_seen, last_seen)
       values (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
      caseId,
      report.signatureKey,
      opened.status,
      report.seed.category,
      report.seed.confidence,
      JSON.stringify(opened.facts),
      t,
      t,
    );
    db.run(
      "insert into fingerprints (key, case_id, version) values (?, ?, ?)",
      key,
      caseId,
      report.keyVersion,
    );
  }
  db.run(
    `insert into reports (id, case_id, install_key, received_at, caro_version, body)
     values (?, ?, ?, ?, ?, ?)`,
    report.reportId,
    caseId,
    report.installKey,
    t,
    report.caroVersion,
    JSON.stringify(report.body),
  );
  const newInstall = db.run(
    `insert into case_installs (case_id, install_key, first_seen) values (?, ?, ?)
     on conflict do nothing`,
    caseId,
    report.installKey,
    known.firstSeen,
  ) === 1;
  const row = db.get<{
    status: string;
    confidence: number;
    facts: string;
    fixed_in: string | null;
    resolved_at: number | null;
    install_count: number;
    issue_number: number | null;
  }>(
    `select status, confidence, facts, fixed_in, resolved_at, install_count, issue_number
     from cases where id = ?`,
    caseId,
  )!;
  const landed = rules.land({
    caseId,
    newCase: knownCaseId === undefined,
    newInstall,
    now: {
      status: row.status,
      confidence: row.confidence,
      facts: JSON.parse(row.facts) as StoredFacts,
      fixedIn: row.fixed_in,
      installs: row.install_count,
      establishedInstalls: db.get<{ n: number }>(
        // The cap as a literal: SQLite plans a bound LIMIT three times slower.
        `select count(*) as n from (select 1 from case_installs
           where case_id = ? and first_seen <= ? limit ${Math.trunc(rules.establishedCountCap)})`,
        caseId,
        t - rules.establishedAfterMs,
      )!.n,
      filed: row.issue_number !== null,
      releasedVersionReports: row.status === "resolved"
        ? db.all<ReleasedVersionReport>(
          `select r.install_key as installKey, r.caro_version as caroVersion,
             r.received_at as receivedAt, i.first_seen as installFirstSeen
           from reports r join installs i on i.key = r.install_key
             join releases v on v.version = r.caro_version
           where r.case_id = ? and r.received_at >= ? order by r.received_at limit 1000`,
          caseId,
          row.resolved_at ?? 0,
        )
        : [],
    },
  }, report);
  db.run(
    `update cases set report_count = report_count + 1,
       install_count = install_count + ?, last_seen = max(last_seen, ?), facts = ?
     where id = ?`,
    newInstall ? 1 : 0,
    t,
    JSON.stringify(landed.facts),
    caseId,
  );
  if (landed.reopened) {
    db.run(
      `update cases set status = 'regression', fixed_in = null, fix_sha = null,
         resolved_at = null where id = ?`,
      caseId,
    );
  }
  if (report.contact) {
    db.run(
      "insert into contacts (report_id, method, value, created_at) values (?, ?, ?, ?)",
      report.reportId,
      report.contact.method,
      report.contact.value,
      t,
    );
  }
  for (const job of rules.jobsAfter(report, caseId, landed)) enqueueIn(db, job, t);
  return landed.result;
}

/** The next case id of `year`, from its counter row (no gaps: it rolls back with the report). */
function allocateCaseId(db: SqliteDb, year: number): string {
  const { seq } = db.get<{ seq: number }>(
    `insert into case_counters (year, seq) values (?, 1)
     on conflict (year) do update set seq = seq + 1 returning seq`,
    year,
  )!;
  return formatCaseId(year, seq);
}

function findReportIn(db: SqliteDb, reportId: string): StoredReportRef | undefined {
  const row = db.get<ReportRefRow>(
    `select r.case_id, r.install_key, r.caro_version, c.status, c.confidence, c.fixed_in
     from reports r join cases c on c.id = r.case_id where r.id = ?`,
    reportId,
  );
  return row && reportRowToRef(reportId, row);
}
