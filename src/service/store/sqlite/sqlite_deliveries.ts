/**
 * The webhook delivery port on SQLite.
 *
 * @module
 */
import { type DeliveryPort, digestKey } from "../delivery_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * The delivery port over a database.
 *
 * @example A redelivery is recognised
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteDeliveries } from "./sqlite_deliveries.ts";
 * const db = SqliteDb.open(":memory:");
 * const deliveries = sqliteDeliveries(db);
 * assert.equal(await deliveries.rememberWebhookDelivery({ id: "d-1", digest: "aa" }, 1), true);
 * assert.equal(await deliveries.rememberWebhookDelivery({ id: "d-1", digest: "bb" }, 2), false);
 * assert.equal(await deliveries.rememberWebhookDelivery({ id: "d-2", digest: "aa" }, 3), false);
 * await db.close();
 * ```
 */
export function sqliteDeliveries(db: SqliteDb): DeliveryPort {
  return {
    rememberWebhookDelivery: ({ id, digest }, now) =>
      db.tx(() =>
        db.run(
          `insert into webhook_deliveries (id, received_at) values (?, ?), (?, ?)
           on conflict do nothing`,
          id,
          now,
          digestKey(digest),
          now,
        ) === 2
      ),
  };
}
