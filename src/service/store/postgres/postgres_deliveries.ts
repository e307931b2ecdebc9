/**
 * The webhook delivery port on PostgreSQL.
 *
 * @module
 */
import type postgres from "postgres";
import type { DeliveryPort } from "../delivery_port.ts";

/**
 * The delivery port over a pool.
 *
 * @example
 * ```ts ignore
 * if (!(await postgresDeliveries(sql).rememberWebhookDelivery(id, Date.now()))) return; // seen
 * ```
 */
export function postgresDeliveries(sql: postgres.Sql): DeliveryPort {
  return {
    async rememberWebhookDelivery(id, now) {
      const result = await sql`insert into webhook_deliveries (id, received_at)
                               values (${id}, ${now}) on conflict do nothing`;
      return result.count === 1;
    },
  };
}
