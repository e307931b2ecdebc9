/**
 * The stores a test can run on: SQLite always, PostgreSQL too when
 * `CARO_TEST_PG_URL` is set (`deno task test` starts a throwaway cluster).
 * Each call of {@link freshDatabase} is a new, empty database; `open` may be
 * called again on it (a restart), `drop` deletes it.
 *
 * @module
 */
import { join } from "node:path";
import type { HealingStore } from "../../src/service/store/healing_store.ts";
import { openPostgresStore } from "../../src/service/store/postgres/postgres_store.ts";
import { openSqliteStore } from "../../src/service/store/sqlite/sqlite_store.ts";
import { createTestDatabase, TEST_PG_URL } from "./test_database.ts";

/** A store implementation's name. */
export type StoreKind = "sqlite" | "postgres";

/** The kinds available in this run. */
export const STORE_KINDS: readonly StoreKind[] = TEST_PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** A fresh database of one kind. */
export interface FreshDatabase {
  kind: StoreKind;
  /** What `--db` takes: a file path or a postgres:// URL. */
  location: string;
  open(options?: { leaseMs?: number }): Promise<HealingStore>;
  drop(): Promise<void>;
}

/**
 * Creates a fresh database.
 *
 * @example One step per store
 * ```ts ignore
 * for (const kind of STORE_KINDS) {
 *   await t.step(kind, async () => {
 *     const db = await freshDatabase(kind);
 *     const store = await db.open();
 *     try { /* … *\/ } finally { await store.close(); await db.drop(); }
 *   });
 * }
 * ```
 */
export async function freshDatabase(kind: StoreKind): Promise<FreshDatabase> {
  if (kind === "postgres") {
    const db = await createTestDatabase(TEST_PG_URL!);
    return {
      kind,
      location: db.url,
      open: (options) => openPostgresStore(db.url, options),
      drop: db.drop,
    };
  }
  const dir = await Deno.makeTempDir({ prefix: "caro-store-test-" });
  const path = join(dir, "healing.db");
  return {
    kind,
    location: path,
    open: (options) => openSqliteStore(path, options),
    drop: () => Deno.remove(dir, { recursive: true }),
  };
}
