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
    rememberWebhookDelivery({ id, digest }, now) {
      // Both rows or neither: a refused delivery leaves no row behind.
      return sql.begin(async (tx) => {
        const inserted = await tx`insert into webhook_deliveries (id, received_at)
                                  values (${id}, ${now}), (${digestKey(digest)}, ${now})
                                  on conflict do nothing returning id`;
        if (inserted.length === 2) return true;
        if (inserted.length === 0) return false;
        await tx`delete from webhook_deliveries where id in ${tx(inserted.map((row) => row.id))}`;
        return false;
      });
    },
    async forgetWebhookDelivery({ id, digest }) {
      await sql`delete from webhook_deliveries where id in (${id}, ${digestKey(digest)})`;
    },
  };
}
