/**
 * The first round trip of a batch of admissions on PostgreSQL: `begin`, the
 * locks, and every read the batch's decisions need, sent together (postgres.js
 * pipelines them on one connection; PostgreSQL runs them in order, so each
 * read sees the data as it is once the locks are held).
 *
 * Locks, in one global order so two batches never deadlock: the advisory
 * locks of the batch's fingerprint keys (one problem's reports serialise, so
 * two processes never open two cases for one key), then those of the
 * distinct-member quota buckets (exact member counts across processes), then
 * the case rows (`for update`), then the case-id counter rows of the years
 * of keys without a known case.
 *
 * @module
 */
import type postgres from "postgres";
import type { ReleasedVersionReport, StoredFacts } from "../report_port.ts";
import type { ReportRefRow } from "../report_row.ts";
import {
  countedMembersQuery,
  type MemberRow,
  quotaKey,
  type QuotaWindow,
  readTotals,
  totalsQuery,
} from "./postgres_quotas.ts";
import { isUuid } from "./postgres_sql.ts";

/** What a batch needs read, gathered from its reports and their planned charges. */
export interface SnapshotRequest {
  /** Fingerprint keys, distinct. */
  keys: string[];
  /** Buckets of distinct-member charges, distinct: locked. */
  memberBuckets: string[];
  reportIds: string[];
  installKeys: string[];
  /** Versions the reports name (which of them are known releases). */
  versions: string[];
  /**
   * One per report, in order: its key, its install, and the time before which
   * an install is established.
   */
  perReport: { key: string; installKey: string; establishedBefore: number }[];
  /** Established installs are counted up to this many. */
  establishedCap: number;
  /** Quota counters to total. */
  totals: QuotaWindow[];
  /** Distinct-member charges: is the member already counted? */
  members: (QuotaWindow & { member: string })[];
  /** Years whose case-id counter is locked (keys the batch may open a case for). */
  years: number[];
}

/** A case as the batch found it (locked). */
export interface SnapshotCase {
  id: string;
  status: string;
  confidence: number;
  facts: StoredFacts;
  fixedIn: string | null;
  resolvedAt: number | null;
  installCount: number;
  filed: boolean;
}

/** What the batch read. */
export interface AdmissionSnapshot {
  /** Report id → the stored report (a replay). */
  reports: Map<string, ReportRefRow>;
  /** Install key → first admission. */
  installs: Map<string, number>;
  /** Fingerprint key → its case. */
  cases: Map<string, SnapshotCase>;
  /** Per report, in order: its install is already on its key's case. */
  onCase: boolean[];
  /** Per report, in order: established installs of its key's case, capped. */
  established: number[];
  /** Fingerprint key → released-version reports of its resolved case, oldest first. */
  released: Map<string, ReleasedVersionReport[]>;
  /** Versions that are known releases. */
  releases: Set<string>;
  /** {@link quotaKey} of a counter → its total over its shards. */
  totals: Map<string, number>;
  /** {@link quotaKey}s (with the member) of members already counted. */
  members: Set<string>;
  /** Year → the last case number allocated. */
  counters: Map<number, number>;
}

/**
 * Opens the batch's transaction on `conn`, takes its locks and reads its
 * snapshot, in one round trip (a second one only when a case the batch
 * touches is resolved: its released-version reports). Statements with
 * nothing to do are not sent.
 *
 * @example
 * ```ts ignore
 * const snapshot = await readSnapshot(reserved, request);
 * ```
 */
export async function readSnapshot(
  conn: postgres.Sql,
  request: SnapshotRequest,
): Promise<AdmissionSnapshot> {
  const text = (values: readonly (string | number)[]) => conn.array(values.map(String));
  const ids = request.reportIds.filter(isUuid);
  const none = <T>(): T[] => [];
  const { keys, memberBuckets, members: asked, years } = request;
  const [, , , reports, installs, cases, perReport, totals, members, , counters] = await Promise
    .all([
      conn`begin`,
      conn`select pg_advisory_xact_lock(h)
           from (select distinct hashtext(k) as h from unnest(${text(keys)}::text[]) k) s
           order by h`,
      memberBuckets.length === 0 ? none() : conn`select pg_advisory_xact_lock(7, h)
           from (select distinct hashtext(b) as h from unnest(${text(memberBuckets)}::text[]) b) s
           order by h`,
      ids.length === 0 ? none<ReportRefRow & { id: string }>() : conn<
        (ReportRefRow & { id: string })[]
      >`
        select r.id::text as id, r.case_id, r.install_key, r.caro_version, c.status,
          c.confidence, c.fixed_in
        from reports r join cases c on c.id = r.case_id where r.id = any(${text(ids)}::uuid[])`,
      conn<{ key: string; first_seen: bigint }[]>`
        select key, first_seen from installs where key = any(${text(request.installKeys)}::text[])`,
      conn<CaseRow[]>`
        select f.key, c.id, c.status, c.confidence, c.facts, c.fixed_in, c.resolved_at,
          c.install_count, c.issue_number
        from fingerprints f join cases c on c.id = f.case_id
        where f.key = any(${text(keys)}::text[])
        order by c.id for update of c`,
      // Per report: is its install already on its key's case, and how many established ones.
      conn<{ member: boolean; established: number }[]>`
        select exists (select 1 from case_installs ci
                       where ci.case_id = f.case_id and ci.install_key = q.install_key) as member,
          (select count(*)::int from (select 1 from case_installs ci
             where ci.case_id = f.case_id and ci.first_seen <= q.before
             limit ${request.establishedCap}) e) as established
        from unnest(${text(request.perReport.map((r) => r.key))}::text[],
          ${text(request.perReport.map((r) => r.installKey))}::text[],
          ${text(request.perReport.map((r) => r.establishedBefore))}::bigint[])
          with ordinality q(key, install_key, before, i)
        left join fingerprints f on f.key = q.key
        order by q.i`,
      totalsQuery(conn, request.totals),
      asked.length === 0 ? none<MemberRow>() : countedMembersQuery(conn, asked),
      years.length === 0 ? none() : conn`insert into case_counters (year, seq)
           select y, 0 from unnest(${text(years)}::int[]) y on conflict do nothing`,
      years.length === 0 ? none<{ year: number; seq: number }>() : conn<
        { year: number; seq: number }[]
      >`
        select year, seq from case_counters where year = any(${text(years)}::int[])
        order by year for update`,
    ]);
  const resolved = cases.filter((c) => c.status === "resolved").map((c) => c.key);
  const [released, releases] = resolved.length === 0 ? [[], []] : await Promise.all([
    conn<
      {
        key: string;
        install_key: string;
        caro_version: string;
        received_at: bigint;
        first_seen: bigint;
      }[]
    >`
      select f.key, x.install_key, x.caro_version, x.received_at, x.first_seen
      from fingerprints f
      join cases c on c.id = f.case_id
      cross join lateral (
        select r.install_key, r.caro_version, r.received_at, i.first_seen
        from reports r join installs i on i.key = r.install_key
          join releases v on v.version = r.caro_version
        where r.case_id = c.id and r.received_at >= coalesce(c.resolved_at, 0)
        order by r.received_at limit 1000) x
      where f.key = any(${text(resolved)}::text[])
      order by f.key, x.received_at`,
    conn<{ version: string }[]>`
      select version from releases where version = any(${text(request.versions)}::text[])`,
  ]);
  const releasedByKey = new Map<string, ReleasedVersionReport[]>();
  for (const r of released) {
    const list = releasedByKey.get(r.key) ?? [];
    list.push({
      installKey: r.install_key,
      caroVersion: r.caro_version,
      receivedAt: Number(r.received_at),
      installFirstSeen: Number(r.first_seen),
    });
    releasedByKey.set(r.key, list);
  }
  return {
    reports: new Map(reports.map(({ id, ...row }) => [id, row])),
    installs: new Map(installs.map((r) => [r.key, Number(r.first_seen)])),
    cases: new Map(cases.map((r) => [r.key, {
      id: r.id,
      status: r.status,
      confidence: r.confidence,
      facts: r.facts,
      fixedIn: r.fixed_in,
      resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
      installCount: r.install_count,
      filed: r.issue_number !== null,
    }])),
    onCase: perReport.map((r) => r.member),
    established: perReport.map((r) => r.established),
    released: releasedByKey,
    releases: new Set(releases.map((r) => r.version)),
    totals: readTotals(totals),
    members: new Set(members.map((m) => quotaKey(Number(m.window_start), m.bucket, m.member))),
    counters: new Map(counters.map((r) => [r.year, r.seq])),
  };
}

interface CaseRow {
  key: string;
  id: string;
  status: string;
  confidence: number;
  facts: StoredFacts;
  fixed_in: string | null;
  resolved_at: bigint | null;
  install_count: number;
  issue_number: number | null;
}
