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

/**
 * Charges quota counters all-or-nothing inside `tx`.
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
  const buckets = [...new Set(charges.map((c) => c.bucket))].sort();
  // The two-key form is a lock space of its own: no collision with signature locks.
  for (const bucket of buckets) await tx`select pg_advisory_xact_lock(7, hashtext(${bucket}))`;
  const toCount: { charge: QuotaCharge; start: number }[] = [];
  for (const charge of charges) {
    const start = windowStart(now, charge.windowMs);
    if (charge.member !== undefined) {
      const [member] = await tx`select 1 from quota_members where bucket = ${charge.bucket}
                                  and window_start = ${start} and member = ${charge.member}`;
      if (member) continue;
    }
    const [row] = await tx<{ count: number }[]>`select count from quota_counters
      where bucket = ${charge.bucket} and window_start = ${start}`;
    if ((row?.count ?? 0) + 1 > charge.limit) {
      return {
        ok: false,
        scope: charge.scope,
        bucket: charge.bucket,
        retryAfterMs: start + charge.windowMs - now,
      };
    }
    toCount.push({ charge, start });
  }
  for (const { charge, start } of toCount) {
    await tx`insert into quota_counters (bucket, window_start, count)
             values (${charge.bucket}, ${start}, 1)
             on conflict (bucket, window_start)
             do update set count = quota_counters.count + 1`;
    if (charge.member !== undefined) {
      await tx`insert into quota_members (bucket, window_start, member)
               values (${charge.bucket}, ${start}, ${charge.member})`;
    }
  }
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
