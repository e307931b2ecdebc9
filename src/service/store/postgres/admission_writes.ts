/**
 * The second round trip of a batch of admissions on PostgreSQL: what the
 * batch decided (`admission_decide.ts`), each table's rows in one statement,
 * and `commit`, sent together (PostgreSQL runs them in order; a failing
 * statement fails the batch and nothing of it is kept).
 *
 * @module
 */
import type postgres from "postgres";
import type { AdmissionWrites } from "./admission_decide.ts";
import { countQuery, memberQuery } from "./postgres_quotas.ts";

/**
 * Writes the batch's rows and commits its transaction.
 *
 * @example
 * ```ts ignore
 * await writeAndCommit(reserved, decided.writes);
 * ```
 */
export async function writeAndCommit(conn: postgres.Sql, writes: AdmissionWrites): Promise<void> {
  const text = (values: readonly (string | number | boolean)[]) => conn.array(values.map(String));
  const json = (values: readonly unknown[]) => text(values.map((v) => JSON.stringify(v)));
  const statements: postgres.PendingQuery<postgres.Row[]>[] = [];
  const { installs, counters, newCases, fingerprints, reports, caseInstalls } = writes;
  if (installs.length > 0) {
    statements.push(conn`insert into installs (key, first_seen)
      select * from unnest(${text(installs.map((i) => i.key))}::text[],
        ${text(installs.map((i) => i.firstSeen))}::bigint[])
      on conflict do nothing`);
  }
  if (counters.length > 0) {
    statements.push(conn`update case_counters c set seq = u.seq
      from unnest(${text(counters.map((c) => c.year))}::int[],
        ${text(counters.map((c) => c.seq))}::int[]) u(year, seq)
      where c.year = u.year`);
  }
  if (newCases.length > 0) {
    statements.push(conn`insert into cases (id, signature_key, status, category, confidence,
        facts, report_count, install_count, first_seen, last_seen)
      select id, signature_key, status, category, confidence, facts::jsonb, report_count,
        install_count, first_seen, last_seen
      from unnest(${text(newCases.map((c) => c.id))}::text[],
        ${text(newCases.map((c) => c.signatureKey))}::text[],
        ${text(newCases.map((c) => c.status))}::text[],
        ${text(newCases.map((c) => c.category))}::text[],
        ${text(newCases.map((c) => c.confidence))}::int[],
        ${json(newCases.map((c) => c.facts))}::text[],
        ${text(newCases.map((c) => c.reports))}::int[],
        ${text(newCases.map((c) => c.installs))}::int[],
        ${text(newCases.map((c) => c.firstSeen))}::bigint[],
        ${text(newCases.map((c) => c.lastSeen))}::bigint[])
        u(id, signature_key, status, category, confidence, facts, report_count, install_count,
          first_seen, last_seen)`);
  }
  if (fingerprints.length > 0) {
    statements.push(conn`insert into fingerprints (key, case_id, version)
      select * from unnest(${text(fingerprints.map((f) => f.key))}::text[],
        ${text(fingerprints.map((f) => f.caseId))}::text[],
        ${text(fingerprints.map((f) => f.version))}::text[])`);
  }
  if (reports.length > 0) {
    statements.push(conn`insert into reports (id, case_id, install_key, received_at,
        caro_version, body)
      select id::uuid, case_id, install_key, received_at, caro_version, body::jsonb
      from unnest(${text(reports.map((r) => r.id))}::text[],
        ${text(reports.map((r) => r.caseId))}::text[],
        ${text(reports.map((r) => r.installKey))}::text[],
        ${text(reports.map((r) => r.receivedAt))}::bigint[],
        ${text(reports.map((r) => r.caroVersion))}::text[],
        ${json(reports.map((r) => r.body))}::text[])
        u(id, case_id, install_key, received_at, caro_version, body)`);
  }
  if (caseInstalls.length > 0) {
    statements.push(conn`insert into case_installs (case_id, install_key, first_seen)
      select * from unnest(${text(caseInstalls.map((c) => c.caseId))}::text[],
        ${text(caseInstalls.map((c) => c.installKey))}::text[],
        ${text(caseInstalls.map((c) => c.firstSeen))}::bigint[])
      on conflict do nothing`);
  }
  const { caseUpdates, contacts, jobs, counts, members } = writes;
  if (caseUpdates.length > 0) {
    statements.push(conn`update cases c set report_count = c.report_count + u.reports,
        install_count = c.install_count + u.installs,
        last_seen = greatest(c.last_seen, u.last_seen), facts = u.facts::jsonb,
        status = case when u.reopened then 'regression' else c.status end,
        fixed_in = case when u.reopened then null else c.fixed_in end,
        fix_sha = case when u.reopened then null else c.fix_sha end,
        resolved_at = case when u.reopened then null else c.resolved_at end
      from unnest(${text(caseUpdates.map((c) => c.id))}::text[],
        ${text(caseUpdates.map((c) => c.reports))}::int[],
        ${text(caseUpdates.map((c) => c.installs))}::int[],
        ${text(caseUpdates.map((c) => c.lastSeen))}::bigint[],
        ${json(caseUpdates.map((c) => c.facts))}::text[],
        ${text(caseUpdates.map((c) => c.reopened))}::bool[])
        u(id, reports, installs, last_seen, facts, reopened)
      where c.id = u.id`);
  }
  if (contacts.length > 0) {
    statements.push(conn`insert into contacts (report_id, method, value, created_at)
      select report_id::uuid, method, value, created_at
      from unnest(${text(contacts.map((c) => c.reportId))}::text[],
        ${text(contacts.map((c) => c.method))}::text[],
        ${text(contacts.map((c) => c.value))}::text[],
        ${text(contacts.map((c) => c.createdAt))}::bigint[])
        u(report_id, method, value, created_at)`);
  }
  if (jobs.length > 0) {
    statements.push(conn`insert into outbox (kind, payload, dedupe_key, priority, state, due_at,
        created_at)
      select kind, payload::jsonb, dedupe_key, priority, 'pending', at, at
      from unnest(${text(jobs.map((j) => j.job.kind))}::text[],
        ${json(jobs.map((j) => j.job.payload))}::text[],
        ${conn.array(jobs.map((j) => j.job.dedupeKey ?? null) as string[])}::text[],
        ${text(jobs.map((j) => j.job.priority ?? 0))}::int[],
        ${text(jobs.map((j) => j.at))}::bigint[]) u(kind, payload, dedupe_key, priority, at)
      on conflict (dedupe_key) where state = 'pending'
      do update set priority = excluded.priority where excluded.priority > outbox.priority`);
  }
  if (counts.length > 0) statements.push(countQuery(conn, counts));
  if (members.length > 0) statements.push(memberQuery(conn, members));
  await Promise.all([...statements, conn`commit`]);
}
