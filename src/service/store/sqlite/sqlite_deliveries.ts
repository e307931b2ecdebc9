/**
 * The webhook delivery port on SQLite.
 *
 * @module
 */
import type { DeliveryPort } from "../delivery_port.ts";
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
 * assert.equal(await deliveries.rememberWebhookDelivery("d-1", 1), true);
 * assert.equal(await deliveries.rememberWebhookDelivery("d-1", 2), false);
 * await db.close();
 * ```
 */
export function sqliteDeliveries(db: SqliteDb): DeliveryPort {
  return {
    rememberWebhookDelivery: (id, now) =>
      db.tx(() =>
        db.run(
          "insert into webhook_deliveries (id, received_at) values (?, ?) on conflict do nothing",
          id,
          now,
        ) === 1
      ),
  };
}
