/**
 * The healing service's store on PostgreSQL (npm `postgres`), for when one
 * machine is not enough: several stateless service processes share one
 * database. Every port on one pool; migrations are applied at open.
 *
 * @module
 */
import type { HealingStore } from "../healing_store.ts";
import { postgresCases } from "./postgres_cases.ts";
import { postgresContacts } from "./postgres_contacts.ts";
import { postgresDeliveries } from "./postgres_deliveries.ts";
import { postgresReleases } from "./postgres_releases.ts";
import { postgresNotifications } from "./postgres_notifications.ts";
import { postgresOutbox } from "./postgres_outbox.ts";
import { postgresQuotas } from "./postgres_quotas.ts";
import { postgresReports } from "./postgres_reports.ts";
import { postgresRetention } from "./postgres_retention.ts";
import { postgresSecrets } from "./postgres_secrets.ts";
import { openPostgres, type PostgresOptions } from "./postgres_sql.ts";

/** Options for {@link openPostgresStore}. */
export interface PostgresStoreOptions extends PostgresOptions {
  /** Outbox lease in ms (default 5 min). */
  leaseMs?: number;
}

/**
 * Connects, applies pending migrations and returns the store.
 *
 * @example
 * ```ts ignore
 * const store = await openPostgresStore("postgres://caro@127.0.0.1:5432/caro");
 * await store.close();
 * ```
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<HealingStore> {
  const sql = await openPostgres(url, options);
  const reports = postgresReports(sql);
  return {
    ...reports,
    ...postgresCases(sql),
    ...postgresQuotas(sql),
    ...postgresOutbox(sql, options.leaseMs ?? 300_000),
    ...postgresDeliveries(sql),
    ...postgresReleases(sql),
    ...postgresNotifications(sql),
    ...postgresContacts(sql),
    ...postgresRetention(sql),
    ...postgresSecrets(sql),
    async close() {
      await reports.settled();
      await sql.end({ timeout: 5 });
    },
  };
}
