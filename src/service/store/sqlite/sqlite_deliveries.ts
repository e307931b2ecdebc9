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
 * await deliveries.forgetWebhookDelivery({ id: "d-1", digest: "aa" }); // its effect failed
 * assert.equal(await deliveries.rememberWebhookDelivery({ id: "d-1", digest: "aa" }, 4), true);
 * await db.close();
 * ```
 */
export function sqliteDeliveries(db: SqliteDb): DeliveryPort {
  return {
    rememberWebhookDelivery: ({ id, digest }, now) =>
      db.tx(() => {
        const seen = db.get(
          "select 1 from webhook_deliveries where id in (?, ?)",
          id,
          digestKey(digest),
        );
        if (seen) return false;
        db.run(
          "insert into webhook_deliveries (id, received_at) values (?, ?), (?, ?)",
          id,
          now,
          digestKey(digest),
          now,
        );
        return true;
      }),
    forgetWebhookDelivery: async ({ id, digest }) => {
      await db.tx(() =>
        db.run("delete from webhook_deliveries where id in (?, ?)", id, digestKey(digest))
      );
    },
  };
}
