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
 * Charges quota counters all-or-nothing inside the caller's transaction: a
 * member already counted in its window passes without counting; the other
 * counters go up in one statement, and when one is over its limit (the first
 * in `charges` order is named) every charge is rolled back.
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
    const counted = charges.flatMap((charge) => {
      const start = windowStart(now, charge.windowMs);
      const fresh = charge.member === undefined || db.run(
            `insert into quota_members (bucket, window_start, member) values (?, ?, ?)
           on conflict do nothing`,
            charge.bucket,
            start,
            charge.member,
          ) === 1;
      return fresh ? [{ charge, start }] : []; // a member is counted once per window
    });
    if (counted.length === 0) return true;
    const rows = db.all<{ bucket: string; window_start: number; count: number }>(
      `insert into quota_counters (bucket, window_start, count)
       values ${counted.map(() => "(?, ?, 1)").join(", ")}
       on conflict (bucket, window_start) do update set count = count + 1
       returning bucket, window_start, count`,
      ...counted.flatMap(({ charge, start }) => [charge.bucket, start]),
    );
    const counts = new Map(rows.map((r) => [`${r.window_start} ${r.bucket}`, r.count]));
    const over = counted.find(({ charge, start }) =>
      counts.get(`${start} ${charge.bucket}`)! > charge.limit
    );
    if (!over) return true;
    decision = {
      ok: false,
      scope: over.charge.scope,
      bucket: over.charge.bucket,
      retryAfterMs: over.start + over.charge.windowMs - now,
    };
    return false;
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
