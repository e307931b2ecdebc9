/**
 * The case port on SQLite: case reads for the API, pages and GitHub jobs,
 * fix state, GitHub links, and a resolution with the follow-ups its rule
 * decides, in one savepoint.
 *
 * @module
 */
import type { CasePort, ReportOnCase } from "../case_port.ts";
import { type CaseRow, caseRowToFacts, caseRowToState } from "../case_row.ts";
import type { StoredFacts } from "../report_port.ts";
import { insertNotificationIn } from "./sqlite_notifications.ts";
import { enqueueIn } from "./sqlite_outbox.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/** A case row as SQLite returns it (facts still JSON text). */
type RawCaseRow = Omit<CaseRow, "facts"> & { facts: string };

function parseFacts(row: RawCaseRow): CaseRow {
  return { ...row, facts: JSON.parse(row.facts) as StoredFacts };
}

/**
 * The case port over a database.
 *
 * @example No cases yet
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteCases } from "./sqlite_cases.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.deepEqual(await sqliteCases(db).caseCounts(), []);
 * await db.close();
 * ```
 */
export function sqliteCases(db: SqliteDb): CasePort {
  return {
    knownCase(signatureKey) {
      const row = db.get<RawCaseRow>(
        `select c.id, c.status, c.category, c.confidence, c.report_count, c.install_count,
           c.first_seen, c.last_seen, c.fixed_in, c.issue_url
         from fingerprints f join cases c on c.id = f.case_id
         where f.key = ? and c.status <> 'quarantined'`,
        signatureKey,
      );
      return Promise.resolve(row && caseRowToState(row));
    },
    caseState(caseId) {
      const row = db.get<RawCaseRow>("select * from cases where id = ?", caseId);
      return Promise.resolve(row && caseRowToState(row));
    },
    caseFacts(id) {
      const row = db.get<RawCaseRow>(
        "select * from cases where id = ? and status <> 'quarantined'",
        id,
      );
      return Promise.resolve(row && caseRowToFacts(parseFacts(row)));
    },
    listCaseFacts(filter) {
      const rows = db.all<RawCaseRow>(
        `select * from cases
         where status <> 'quarantined' and (? is null or status = ?)
           and (? is null or category = ?) and last_seen >= ?
         order by last_seen desc, id limit ?`,
        filter.status ?? null,
        filter.status ?? null,
        filter.category ?? null,
        filter.category ?? null,
        filter.since ?? 0,
        filter.limit,
      );
      return Promise.resolve(rows.map((r) => caseRowToFacts(parseFacts(r))));
    },
    markFixPending: (caseId) =>
      db.tx(() =>
        db.run(
          `update cases set status = 'fix_pending'
           where id = ? and status in ('open', 'regression')`,
          caseId,
        ) === 1
      ),
    reopenFix: (caseId) =>
      db.tx(() =>
        db.run(
          `update cases set status = 'open', fix_sha = null
           where id = ? and status = 'fix_pending'`,
          caseId,
        ) === 1
      ),
    caseIssueToken: (caseId, candidate) =>
      db.tx(() => {
        db.run(
          "update cases set issue_token = ? where id = ? and issue_token is null",
          candidate,
          caseId,
        );
        return db.get<{ issue_token: string }>(
          "select issue_token from cases where id = ?",
          caseId,
        )?.issue_token;
      }),
    setFixCommit: (caseId, sha) =>
      db.tx(() => {
        db.run(
          `update cases set fix_sha = ?, status = 'fix_pending'
           where id = ? and fixed_in is null and status <> 'quarantined'`,
          sha,
          caseId,
        );
      }),
    casesPendingRelease() {
      const rows = db.all<{ id: string; fix_sha: string | null }>(
        "select id, fix_sha from cases where status = 'fix_pending' order by id",
      );
      return Promise.resolve(rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha ?? undefined })));
    },
    casesAwaitingRelease() {
      const rows = db.all<{ id: string; fix_sha: string }>(
        "select id, fix_sha from cases where fix_sha is not null and fixed_in is null order by id",
      );
      return Promise.resolve(rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha })));
    },
    resolveCase: (caseId, version, now, rule) =>
      db.tx(() => {
        const updated = db.run(
          `update cases set status = 'resolved', fixed_in = ?, resolved_at = ?
           where id = ? and status <> 'quarantined' and (fixed_in is null or fixed_in <> ?)`,
          version,
          now,
          caseId,
          version,
        );
        if (updated === 0) return 0;
        const reports = db.all<{ id: string; install_key: string; has_contact: number }>(
          `select r.id, r.install_key, exists (select 1 from contacts c where c.report_id = r.id)
             as has_contact
           from reports r where r.case_id = ? order by r.received_at, r.id`,
          caseId,
        ).map((r): ReportOnCase => ({
          reportId: r.id,
          installKey: r.install_key,
          hasContact: r.has_contact === 1,
        }));
        const followUps = rule(caseId, reports);
        for (const n of followUps.notifications) insertNotificationIn(db, caseId, n, now);
        for (const job of followUps.jobs) enqueueIn(db, job, now);
        return followUps.notifications.length;
      }),
    caseIdForIssue: (issueNumber) =>
      Promise.resolve(
        db.get<{ id: string }>("select id from cases where issue_number = ?", issueNumber)?.id,
      ),
    saveGitHubLink: (caseId, link, now) =>
      db.tx(() => {
        db.run(
          `update cases set issue_number = coalesce(?, issue_number),
             issue_url = coalesce(?, issue_url), pr_number = coalesce(?, pr_number),
             pr_url = coalesce(?, pr_url),
             facts = json_set(facts, '$.linkedAt', coalesce(json_extract(facts, '$.linkedAt'), ?))
           where id = ?`,
          link.issueNumber ?? null,
          link.issueUrl ?? null,
          link.prNumber ?? null,
          link.prUrl ?? null,
          now,
          caseId,
        );
      }),
    caseCountsByStatus() {
      const rows = db.all<{ status: string; n: number }>(
        "select status, count(*) as n from cases group by status",
      );
      return Promise.resolve(Object.fromEntries(rows.map((r) => [r.status, r.n])));
    },
    caseCounts() {
      const rows = db.all<{ id: string; report_count: number; install_count: number }>(
        "select id, report_count, install_count from cases order by id",
      );
      return Promise.resolve(
        rows.map((r) => ({ id: r.id, reports: r.report_count, installs: r.install_count })),
      );
    },
  };
}
