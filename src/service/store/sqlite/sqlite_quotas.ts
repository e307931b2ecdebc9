/**
 * The quota port on SQLite: install first sightings and fixed-window
 * counters, counted optimistically and rolled back together when one is over
 * its limit.
 *
 * @module
 */
import type { QuotaCharge, QuotaDecision, QuotaPort } from "../quota_port.ts";
import { windowStart } from "../quota_window.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * Records an install key's first sighting inside the caller's transaction;
 * returns when it was first seen (a known key writes nothing).
 *
 * @example First sighting stays
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { touchInstallIn } from "./sqlite_quotas.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.equal(touchInstallIn(db, "k", 5), 5);
 * assert.equal(touchInstallIn(db, "k", 9), 5);
 * await db.close();
 * ```
 */
export function touchInstallIn(db: SqliteDb, installKey: string, now: number): number {
  db.run(
    "insert into installs (key, first_seen) values (?, ?) on conflict do nothing",
    installKey,
    now,
  );
  return db.get<{ first_seen: number }>(
    "select first_seen from installs where key = ?",
    installKey,
  )!
    .first_seen;
}

/**
 * Charges quota counters all-or-nothing inside the caller's transaction.
 *
 * @example The second charge over a limit of one is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { chargeQuotasIn } from "./sqlite_quotas.ts";
 * const db = SqliteDb.open(":memory:");
 * const charge = [{ scope: "install", bucket: "install:k", limit: 1, windowMs: 1_000 }];
 * assert.deepEqual(chargeQuotasIn(db, charge, 100), { ok: true });
 * assert.deepEqual(chargeQuotasIn(db, charge, 200),
 *   { ok: false, scope: "install", bucket: "install:k", retryAfterMs: 800 });
 * await db.close();
 * ```
 */
export function chargeQuotasIn(
  db: SqliteDb,
  charges: readonly QuotaCharge[],
  now: number,
): QuotaDecision {
  let decision: QuotaDecision = { ok: true };
  db.savepoint(() => {
    for (const charge of charges) {
      const start = windowStart(now, charge.windowMs);
      if (
        charge.member !== undefined &&
        db.run(
            `insert into quota_members (bucket, window_start, member) values (?, ?, ?)
           on conflict do nothing`,
            charge.bucket,
            start,
            charge.member,
          ) === 0
      ) continue; // this member is already counted in this window
      const { count } = db.get<{ count: number }>(
        `insert into quota_counters (bucket, window_start, count) values (?, ?, 1)
         on conflict (bucket, window_start) do update set count = count + 1 returning count`,
        charge.bucket,
        start,
      )!;
      if (count > charge.limit) {
        decision = {
          ok: false,
          scope: charge.scope,
          bucket: charge.bucket,
          retryAfterMs: start + charge.windowMs - now,
        };
        return false;
      }
    }
    return true;
  });
  return decision;
}

/**
 * The quota port over a database.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteQuotas } from "./sqlite_quotas.ts";
 * const db = SqliteDb.open(":memory:");
 * assert.equal(await sqliteQuotas(db).touchInstall("k", 7), 7);
 * await db.close();
 * ```
 */
export function sqliteQuotas(db: SqliteDb): QuotaPort {
  return {
    touchInstall: (installKey, now) => db.tx(() => touchInstallIn(db, installKey, now)),
    consumeQuota: (charges, now) => db.tx(() => chargeQuotasIn(db, charges, now)),
  };
}
