/**
 * The case port on PostgreSQL: case reads, fix state, GitHub links, and a
 * resolution with the follow-ups its rule decides, in one transaction.
 *
 * @module
 */
import type postgres from "postgres";
import type { CasePort } from "../case_port.ts";
import { type CaseRow, caseRowToFacts, caseRowToState } from "../case_row.ts";
import { insertNotificationIn } from "./postgres_notifications.ts";
import { enqueueIn } from "./postgres_outbox.ts";

/**
 * The case port over a pool.
 *
 * @example
 * ```ts ignore
 * const facts = await postgresCases(sql).caseFacts("CARO-2026-001");
 * ```
 */
export function postgresCases(sql: postgres.Sql): CasePort {
  return {
    async knownCase(signatureKey) {
      const [row] = await sql<CaseRow[]>`
        select c.* from fingerprints f join cases c on c.id = f.case_id
        where f.key = ${signatureKey} and c.status <> 'quarantined'`;
      return row && caseRowToState(row);
    },
    async caseState(caseId) {
      const [row] = await sql<CaseRow[]>`select * from cases where id = ${caseId}`;
      return row && caseRowToState(row);
    },
    async caseFacts(id) {
      const [row] = await sql<CaseRow[]>`
        select * from cases where id = ${id} and status <> 'quarantined'`;
      return row ? caseRowToFacts(row) : undefined;
    },
    async listCaseFacts(filter) {
      const status = filter.status ?? null;
      const category = filter.category ?? null;
      const rows = await sql<CaseRow[]>`
        select * from cases
        where status <> 'quarantined' and (${status}::text is null or status = ${status})
          and (${category}::text is null or category = ${category})
          and last_seen >= ${filter.since ?? 0}
        order by last_seen desc, id limit ${filter.limit}`;
      return rows.map(caseRowToFacts);
    },
    async markFixPending(caseId) {
      const result = await sql`update cases set status = 'fix_pending'
        where id = ${caseId} and status in ('open', 'regression')`;
      return result.count === 1;
    },
    async reopenFix(caseId) {
      const result = await sql`update cases set status = 'open', fix_sha = null
        where id = ${caseId} and status = 'fix_pending'`;
      return result.count === 1;
    },
    async caseIssueToken(caseId, candidate) {
      const [row] = await sql<{ issue_token: string }[]>`
        update cases set issue_token = coalesce(issue_token, ${candidate})
        where id = ${caseId} returning issue_token`;
      return row?.issue_token;
    },
    async setFixCommit(caseId, sha) {
      await sql`update cases set fix_sha = ${sha}, status = 'fix_pending'
                where id = ${caseId} and fixed_in is null and status <> 'quarantined'`;
    },
    async casesPendingRelease() {
      const rows = await sql<{ id: string; fix_sha: string | null }[]>`
        select id, fix_sha from cases where status = 'fix_pending' order by id`;
      return rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha ?? undefined }));
    },
    async casesAwaitingRelease() {
      const rows = await sql<{ id: string; fix_sha: string }[]>`
        select id, fix_sha from cases where fix_sha is not null and fixed_in is null order by id`;
      return rows.map((r) => ({ caseId: r.id, fixSha: r.fix_sha }));
    },
    resolveCase: (caseId, version, now, rule) =>
      sql.begin(async (tx) => {
        const updated = await tx`update cases set status = 'resolved', fixed_in = ${version},
                                   resolved_at = ${now}
                                 where id = ${caseId} and status <> 'quarantined'
                                   and fixed_in is distinct from ${version}`;
        if (updated.count === 0) return 0;
        const rows = await tx<{ id: string; install_key: string; has_contact: boolean }[]>`
          select r.id, r.install_key,
            exists (select 1 from contacts c where c.report_id = r.id) as has_contact
          from reports r where r.case_id = ${caseId} order by r.received_at, r.id`;
        const followUps = rule(
          caseId,
          rows.map((r) => ({
            reportId: r.id,
            installKey: r.install_key,
            hasContact: r.has_contact,
          })),
        );
        for (const n of followUps.notifications) await insertNotificationIn(tx, caseId, n, now);
        for (const job of followUps.jobs) await enqueueIn(tx, job, now);
        return followUps.notifications.length;
      }),
    async caseIdForIssue(issueNumber) {
      const [row] = await sql<{ id: string }[]>`
        select id from cases where issue_number = ${issueNumber}`;
      return row?.id;
    },
    async saveGitHubLink(caseId, link, now) {
      await sql`update cases set
          issue_number = coalesce(${link.issueNumber ?? null}::int, issue_number),
          issue_url = coalesce(${link.issueUrl ?? null}::text, issue_url),
          pr_number = coalesce(${link.prNumber ?? null}::int, pr_number),
          pr_url = coalesce(${link.prUrl ?? null}::text, pr_url),
          facts = jsonb_set(facts, '{linkedAt}',
            to_jsonb(coalesce((facts->>'linkedAt')::bigint, ${now})))
        where id = ${caseId}`;
    },
    async caseCountsByStatus() {
      const rows = await sql<{ status: string; n: number }[]>`
        select status, count(*)::int as n from cases group by status`;
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
    async caseCounts() {
      const rows = await sql<{ id: string; report_count: number; install_count: number }[]>`
        select id, report_count, install_count from cases order by id`;
      return rows.map((r) => ({ id: r.id, reports: r.report_count, installs: r.install_count }));
    },
  };
}
