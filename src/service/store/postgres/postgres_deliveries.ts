/**
 * The webhook delivery port on PostgreSQL.
 *
 * @module
 */
import type postgres from "postgres";
import { type DeliveryPort, digestKey } from "../delivery_port.ts";

/**
 * The delivery port over a pool.
 *
 * @example
 * ```ts ignore
 * if (!(await postgresDeliveries(sql).rememberWebhookDelivery({ id, digest }, Date.now()))) return; // seen
 * ```
 */
export function postgresDeliveries(sql: postgres.Sql): DeliveryPort {
  return {
    async rememberWebhookDelivery({ id, digest }, now) {
      const result = await sql`insert into webhook_deliveries (id, received_at)
                               values (${id}, ${now}), (${digestKey(digest)}, ${now})
                               on conflict do nothing`;
      return result.count === 2;
    },
  };
}
