/**
 * The quota port on PostgreSQL: sharded event counters, exact distinct
 * members (bucket advisory locks taken in sorted order, after any signature
 * lock, so concurrent transactions never deadlock); counters are written
 * only when every charge passes. The queries are shared with the batched
 * admission (`admission_batch.ts`).
 *
 * @module
 */
import type postgres from "postgres";
import type { QuotaCharge, QuotaDecision, QuotaPort } from "../quota_port.ts";
import { windowStart } from "../quota_window.ts";
import type { PgSql } from "./postgres_sql.ts";

/**
 * Records an install key's first sighting (a known key writes nothing).
 *
 * @example
 * ```ts ignore
 * const firstSeen = await touchInstallIn(tx, installKey, Date.now());
 * ```
 */
export async function touchInstallIn(sql: PgSql, installKey: string, now: number): Promise<number> {
  await sql`insert into installs (key, first_seen) values (${installKey}, ${now})
            on conflict do nothing`;
  const [row] = await sql<{ first_seen: bigint }[]>`
    select first_seen from installs where key = ${installKey}`;
  return Number(row.first_seen);
}

/** Counter rows per bucket and window: concurrent reports lock different rows. */
export const QUOTA_SHARDS = 8;

/** A quota counter: a bucket in one window. */
export interface QuotaWindow {
  bucket: string;
  windowStart: number;
}

/**
 * The key of a counter (or, with the member, of a counted member) in the
 * maps that hold totals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quotaKey } from "./postgres_quotas.ts";
 * assert.equal(quotaKey(3_600_000, "install:k"), "3600000 install:k");
 * assert.equal(quotaKey(0, "src", "m"), "0 src m");
 * ```
 */
export function quotaKey(windowStart: number, bucket: string, member?: string): string {
  return member === undefined ? `${windowStart} ${bucket}` : `${windowStart} ${bucket} ${member}`;
}

/** Text array parameter (PostgreSQL casts it to the column type). */
function textArray(sql: PgSql, values: readonly (string | number)[]) {
  return sql.array(values.map(String));
}

/**
 * The totals (all shards) of the given counters, as a query not yet sent
 * (so it can be pipelined in order with others); its rows go through
 * {@link readTotals}.
 *
 * @example
 * ```ts ignore
 * const totals = readTotals(await totalsQuery(tx, [{ bucket: "global", windowStart: 0 }]));
 * ```
 */
export function totalsQuery(
  sql: PgSql,
  counters: readonly QuotaWindow[],
): postgres.PendingQuery<TotalRow[]> {
  const shards = counters.flatMap((c) =>
    Array.from({ length: QUOTA_SHARDS }, (_, s) => ({ ...c, shard: `${c.bucket}#${s}` }))
  );
  return sql<TotalRow[]>`
    select q.bucket, q.window_start, coalesce(sum(c.count), 0)::int as n
    from unnest(${textArray(sql, shards.map((s) => s.bucket))}::text[],
      ${textArray(sql, shards.map((s) => s.shard))}::text[],
      ${textArray(sql, shards.map((s) => s.windowStart))}::bigint[]) q(bucket, shard, window_start)
    left join quota_counters c on c.bucket = q.shard and c.window_start = q.window_start
    group by q.bucket, q.window_start`;
}

/** A row of {@link totalsQuery}. */
export interface TotalRow {
  bucket: string;
  window_start: bigint;
  n: number;
}

/**
 * The rows of {@link totalsQuery} by {@link quotaKey}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readTotals } from "./postgres_quotas.ts";
 * assert.deepEqual(
 *   readTotals([{ bucket: "global", window_start: 60_000n, n: 3 }]),
 *   new Map([["60000 global", 3]]),
 * );
 * ```
 */
export function readTotals(rows: readonly TotalRow[]): Map<string, number> {
  return new Map(rows.map((r) => [quotaKey(Number(r.window_start), r.bucket), r.n]));
}

/** A row of {@link countedMembersQuery}. */
export interface MemberRow {
  bucket: string;
  window_start: bigint;
  member: string;
}

/**
 * Which of the given members are already counted in their window, as a
 * query not yet sent.
 *
 * @example
 * ```ts ignore
 * const rows = await countedMembersQuery(tx, [{ bucket: "src", windowStart: 0, member: "k" }]);
 * ```
 */
export function countedMembersQuery(
  sql: PgSql,
  members: readonly (QuotaWindow & { member: string })[],
): postgres.PendingQuery<MemberRow[]> {
  return sql<MemberRow[]>`
    select q.bucket, q.window_start, q.member
    from unnest(${textArray(sql, members.map((m) => m.bucket))}::text[],
      ${textArray(sql, members.map((m) => m.windowStart))}::bigint[],
      ${textArray(sql, members.map((m) => m.member))}::text[]) q(bucket, window_start, member)
    where exists (select 1 from quota_members m where m.bucket = q.bucket
                    and m.window_start = q.window_start and m.member = q.member)`;
}

/**
 * Adds to counters (each counter once in `counts`), all on one shard picked
 * at random, as a query not yet sent.
 *
 * @example
 * ```ts ignore
 * await countQuery(tx, [{ bucket: "global", windowStart: 0, count: 2 }]);
 * ```
 */
export function countQuery(
  sql: PgSql,
  counts: readonly (QuotaWindow & { count: number })[],
): postgres.PendingQuery<postgres.Row[]> {
  const shard = Math.floor(Math.random() * QUOTA_SHARDS);
  return sql`insert into quota_counters (bucket, window_start, count)
    select * from unnest(${textArray(sql, counts.map((c) => `${c.bucket}#${shard}`))}::text[],
      ${textArray(sql, counts.map((c) => c.windowStart))}::bigint[],
      ${textArray(sql, counts.map((c) => c.count))}::int[])
    on conflict (bucket, window_start) do update set count = quota_counters.count + excluded.count`;
}

/**
 * Records counted members (one already there stays), as a query not yet sent.
 *
 * @example
 * ```ts ignore
 * await memberQuery(tx, [{ bucket: "source-young-installs:ab", windowStart: 0, member: "k" }]);
 * ```
 */
export function memberQuery(
  sql: PgSql,
  members: readonly (QuotaWindow & { member: string })[],
): postgres.PendingQuery<postgres.Row[]> {
  return sql`insert into quota_members (bucket, window_start, member)
    select * from unnest(${textArray(sql, members.map((m) => m.bucket))}::text[],
      ${textArray(sql, members.map((m) => m.windowStart))}::bigint[],
      ${textArray(sql, members.map((m) => m.member))}::text[])
    on conflict do nothing`;
}

/**
 * Charges quota counters all-or-nothing inside `tx`, in a few statements
 * whatever the number of charges. Event counters are sharded
 * ({@link QUOTA_SHARDS} rows per bucket and window, summed to check, one
 * picked at random to count), so no row is locked by every request until
 * commit: under concurrency a limit may be passed by the requests in flight
 * (approximate, as Relay's counters are). Distinct members stay exact: a
 * member already counted passes without a lock; a new one takes its
 * bucket's advisory lock (in sorted order, so no deadlock).
 *
 * @example
 * ```ts ignore
 * const decision = await chargeQuotasIn(tx, charges, Date.now());
 * ```
 */
export async function chargeQuotasIn(
  tx: postgres.TransactionSql,
  charges: readonly QuotaCharge[],
  now: number,
): Promise<QuotaDecision> {
  if (charges.length === 0) return { ok: true };
  const windows = charges.map((c) => ({ ...c, windowStart: windowStart(now, c.windowMs) }));
  const withMember = windows.flatMap((c) =>
    c.member === undefined ? [] : [{ ...c, member: c.member }]
  );
  // Pipelined: which members are already counted, and every bucket's total.
  const [rows, firstTotals] = await Promise.all([
    withMember.length === 0 ? [] : countedMembersQuery(tx, withMember),
    totalsQuery(tx, windows),
  ]);
  const known = new Set(rows.map((r) => quotaKey(Number(r.window_start), r.bucket, r.member)));
  const counted = windows.filter((c) =>
    c.member === undefined || !known.has(quotaKey(c.windowStart, c.bucket, c.member))
  );
  if (counted.length === 0) return { ok: true };
  let totals = readTotals(firstTotals);
  const locks = [...new Set(counted.filter((c) => c.member !== undefined).map((c) => c.bucket))]
    .sort();
  if (locks.length > 0) {
    // A new member: its bucket's lock (the two-key form is a lock space of its own, no
    // collision with signature locks), then the totals again, now exact for that bucket.
    for (const bucket of locks) await tx`select pg_advisory_xact_lock(7, hashtext(${bucket}))`;
    totals = readTotals(await totalsQuery(tx, windows));
  }
  const over = counted.find((c) =>
    (totals.get(quotaKey(c.windowStart, c.bucket)) ?? 0) + 1 > c.limit
  );
  if (over) {
    return {
      ok: false,
      scope: over.scope,
      bucket: over.bucket,
      retryAfterMs: over.windowStart + over.windowMs - now,
    };
  }
  const members = withMember.filter((c) => !known.has(quotaKey(c.windowStart, c.bucket, c.member)));
  await Promise.all([
    countQuery(tx, counted.map((c) => ({ ...c, count: 1 }))),
    members.length === 0 ? undefined : memberQuery(tx, members),
  ]);
  return { ok: true };
}

/**
 * The quota port over a pool.
 *
 * @example
 * ```ts ignore
 * const quotas = postgresQuotas(sql);
 * ```
 */
export function postgresQuotas(sql: postgres.Sql): QuotaPort {
  return {
    touchInstall: (installKey, now) => touchInstallIn(sql, installKey, now),
    consumeQuota: (charges, now) => sql.begin((tx) => chargeQuotasIn(tx, charges, now)),
  };
}
