/**
 * Opens the store named by `--db`: a `postgres://` (or `postgresql://`) URL
 * → PostgreSQL; anything else is a file path → SQLite (WAL).
 *
 * @module
 */
import { PostgresStore } from "./postgres/postgres_store.ts";
import { SqliteStore } from "./sqlite/sqlite_store.ts";
import type { HealingStore } from "./types.ts";

/**
 * Opens a store.
 *
 * @example
 * ```ts ignore
 * const store = await openStore("/var/lib/caro/healing.db");
 * ```
 */
export function openStore(db: string): Promise<HealingStore> {
  return /^postgres(?:ql)?:\/\//i.test(db) ? PostgresStore.open(db) : SqliteStore.open(db);
}
