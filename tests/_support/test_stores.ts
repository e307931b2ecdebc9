/**
 * The stores a test can run on: SQLite always, PostgreSQL too when
 * `CARO_TEST_PG_URL` is set (`deno task test` starts a throwaway cluster).
 * Each call of {@link freshDatabase} is a new, empty database; `open` may be
 * called again on it (a restart), `drop` deletes it.
 *
 * @module
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import postgres from "postgres";
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

/**
 * Every `table.column` of the database that holds `needle` anywhere in its
 * text (each column of each table, cast to text), read over its own
 * connection: the SQLite file itself, or PostgreSQL's current schema.
 *
 * @example
 * ```ts ignore
 * assertEquals(await columnsHolding(db, "ada@example.org"), ["contacts.value"]);
 * ```
 */
export async function columnsHolding(db: FreshDatabase, needle: string): Promise<string[]> {
  const found: string[] = [];
  if (db.kind === "postgres") {
    const sql = postgres(db.location, { max: 1, onnotice: () => {} });
    try {
      const columns = await sql<{ table_name: string; column_name: string }[]>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() order by table_name, ordinal_position`;
      for (const { table_name: table, column_name: column } of columns) {
        const [{ n }] = await sql<{ n: number }[]>`
          select count(*)::int as n from ${sql(table)}
          where strpos(${sql(column)}::text, ${needle}) > 0`;
        if (n > 0) found.push(`${table}.${column}`);
      }
    } finally {
      await sql.end();
    }
    return found;
  }
  const file = new DatabaseSync(db.location, { readOnly: true });
  try {
    const tables = file.prepare("select name from sqlite_master where type = 'table'").all();
    for (const { name: table } of tables as { name: string }[]) {
      const columns = file.prepare(`pragma table_info("${table}")`).all() as { name: string }[];
      for (const { name: column } of columns) {
        const { n } = file.prepare(
          `select count(*) as n from "${table}" where instr(cast("${column}" as text), ?) > 0`,
        ).get(needle) as { n: number };
        if (n > 0) found.push(`${table}.${column}`);
      }
    }
  } finally {
    file.close();
  }
  return found;
}
