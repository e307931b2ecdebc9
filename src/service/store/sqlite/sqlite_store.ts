/**
 * The healing service's embedded store: every port on one SQLite file
 * (`sqlite_db.ts` explains the connection and its group commit).
 *
 * @module
 */
import type { HealingStore } from "../healing_store.ts";
import { sqliteCases } from "./sqlite_cases.ts";
import { sqliteContacts } from "./sqlite_contacts.ts";
import { SqliteDb } from "./sqlite_db.ts";
import { sqliteDeliveries } from "./sqlite_deliveries.ts";
import { sqliteNotifications } from "./sqlite_notifications.ts";
import { sqliteOutbox } from "./sqlite_outbox.ts";
import { sqliteQuotas } from "./sqlite_quotas.ts";
import { sqliteReleases } from "./sqlite_releases.ts";
import { sqliteReports } from "./sqlite_reports.ts";
import { sqliteRetention } from "./sqlite_retention.ts";
import { sqliteSecrets } from "./sqlite_secrets.ts";

/** Options for {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Outbox lease in ms (default 5 min). */
  leaseMs?: number;
}

/**
 * Opens (creating if needed) the database file and applies pending migrations.
 *
 * @example In memory
 * ```ts
 * import assert from "node:assert/strict";
 * import { openSqliteStore } from "./sqlite_store.ts";
 * const store = await openSqliteStore(":memory:");
 * assert.deepEqual(await store.caseCountsByStatus(), {});
 * await store.close();
 * ```
 */
export function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<HealingStore> {
  try {
    const db = SqliteDb.open(path);
    return Promise.resolve({
      ...sqliteReports(db),
      ...sqliteCases(db),
      ...sqliteQuotas(db),
      ...sqliteOutbox(db, options.leaseMs ?? 300_000),
      ...sqliteDeliveries(db),
      ...sqliteReleases(db),
      ...sqliteNotifications(db),
      ...sqliteContacts(db),
      ...sqliteRetention(db),
      ...sqliteSecrets(db),
      close: () => db.close(),
    });
  } catch (error) {
    return Promise.reject(error);
  }
}
