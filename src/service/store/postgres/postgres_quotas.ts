/**
 * The quota port on PostgreSQL: bucket advisory locks taken in sorted order
 * (after any signature lock), so concurrent transactions never deadlock;
 * counters are written only when every charge passes.
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

/**
 * An install key's first admitted report, or `undefined` for a key never
 * admitted (reads only: the row is written by {@link recordInstallIn}).
 *
 * @example
 * ```ts ignore
 * const firstSeen = (await installFirstSeenIn(tx, installKey)) ?? Date.now();
 * ```
 */
export async function installFirstSeenIn(
  sql: PgSql,
  installKey: string,
): Promise<number | undefined> {
  const [row] = await sql<{ first_seen: bigint }[]>`
    select first_seen from installs where key = ${installKey}`;
  return row ? Number(row.first_seen) : undefined;
}

/**
 * Records an admitted report's install key (its first admission stays).
 *
 * @example
 * ```ts ignore
 * await recordInstallIn(tx, installKey, Date.now());
 * ```
 */
export async function recordInstallIn(sql: PgSql, installKey: string, now: number): Promise<void> {
  await sql`insert into installs (key, first_seen) values (${installKey}, ${now})
            on conflict do nothing`;
}

/**
 * Charges quota counters all-or-nothing inside `tx`, in a few statements
 * whatever the number of charges. Event counters are sharded
 * ({@link QUOTA_SHARDS} rows per bucket and window, summed to check, one
 * picked at random to count), so no row is locked by every report until
 * commit: under concurrency a limit may be passed by the reports in flight
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
  const starts = charges.map((c) => windowStart(now, c.windowMs));
  const withMember = charges.flatMap((c, i) => c.member === undefined ? [] : [i]);
  const all = charges.map((_, i) => i);
  // Pipelined: which members are already counted, and every bucket's total.
  const [rows, firstTotals] = await Promise.all([
    withMember.length === 0 ? Promise.resolve([] as { i: number }[]) : tx<{ i: number }[]>`
      select q.i from unnest(${tx.array(withMember.map(String))}::int[],
          ${tx.array(withMember.map((i) => charges[i].bucket))}::text[],
          ${tx.array(withMember.map((i) => String(starts[i])))}::bigint[],
          ${tx.array(withMember.map((i) => charges[i].member!))}::text[])
        as q(i, bucket, window_start, member)
      where exists (select 1 from quota_members m where m.bucket = q.bucket
                      and m.window_start = q.window_start and m.member = q.member)`,
    totalsIn(tx, charges, starts, all),
  ]);
  const known = new Set(rows.map((r) => Number(r.i)));
  const locks = [...new Set(withMember.filter((i) => !known.has(i)).map((i) => charges[i].bucket))]
    .sort();
  let used = firstTotals;
  if (locks.length > 0) {
    // A new member: its bucket's lock (the two-key form is a lock space of its own, no
    // collision with signature locks), then the totals again, now exact for that bucket.
    for (const bucket of locks) await tx`select pg_advisory_xact_lock(7, hashtext(${bucket}))`;
    used = await totalsIn(tx, charges, starts, all);
  }
  const counted = all.filter((i) => !known.has(i));
  if (counted.length === 0) return { ok: true };
  for (const i of counted) {
    const charge = charges[i];
    if ((used.get(charge.bucket) ?? 0) + 1 > charge.limit) {
      return {
        ok: false,
        scope: charge.scope,
        bucket: charge.bucket,
        retryAfterMs: starts[i] + charge.windowMs - now,
      };
    }
  }
  const shard = Math.floor(Math.random() * QUOTA_SHARDS);
  const members = counted.filter((i) => charges[i].member !== undefined);
  const counting = tx`insert into quota_counters (bucket, window_start, count)
           select bucket, window_start, 1
           from unnest(${tx.array(counted.map((i) => `${charges[i].bucket}#${shard}`))}::text[],
             ${
    tx.array(counted.map((i) => String(starts[i])))
  }::bigint[]) as q(bucket, window_start)
           on conflict (bucket, window_start) do update set count = quota_counters.count + 1`;
  await Promise.all([
    counting,
    members.length === 0 ? undefined : tx`insert into quota_members (bucket, window_start, member)
             select * from unnest(${tx.array(members.map((i) => charges[i].bucket))}::text[],
               ${tx.array(members.map((i) => String(starts[i])))}::bigint[],
               ${tx.array(members.map((i) => charges[i].member!))}::text[])
             on conflict do nothing`,
  ]);
  return { ok: true };
}

/** Current totals (all shards) of the given charges' buckets in their windows. */
async function totalsIn(
  tx: postgres.TransactionSql,
  charges: readonly QuotaCharge[],
  starts: number[],
  which: number[],
): Promise<Map<string, number>> {
  const names = which.flatMap((i) =>
    Array.from({ length: QUOTA_SHARDS }, (_, s) => `${charges[i].bucket}#${s}`)
  );
  const windows = which.flatMap((i) => Array(QUOTA_SHARDS).fill(String(starts[i])));
  const rows = await tx<{ bucket: string; n: number }[]>`
    select regexp_replace(c.bucket, '#[0-9]+$', '') as bucket, sum(c.count)::int as n
    from quota_counters c
    join unnest(${tx.array(names)}::text[], ${tx.array(windows)}::bigint[])
      as q(bucket, window_start) on c.bucket = q.bucket and c.window_start = q.window_start
    group by 1`;
  return new Map(rows.map((r) => [r.bucket, r.n]));
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
