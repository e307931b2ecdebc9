/**
 * Opens the store named by `--db`: a `postgres://` (or `postgresql://`) URL
 * → PostgreSQL; anything else is a file path → SQLite (WAL).
 *
 * @module
 */
import type { HealingStore } from "./healing_store.ts";
import { openPostgresStore } from "./postgres/postgres_store.ts";
import { openSqliteStore } from "./sqlite/sqlite_store.ts";

/**
 * Opens a store.
 *
 * @example A path opens SQLite
 * ```ts
 * import assert from "node:assert/strict";
 * import { openStore } from "./open_store.ts";
 * const store = await openStore(":memory:");
 * assert.deepEqual(await store.caseCounts(), []);
 * await store.close();
 * ```
 */
export function openStore(db: string, options: { leaseMs?: number } = {}): Promise<HealingStore> {
  return /^postgres(?:ql)?:\/\//i.test(db)
    ? openPostgresStore(db, options)
    : openSqliteStore(db, options);
}
