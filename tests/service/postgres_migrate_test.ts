import { deepEqual, equal } from "node:assert/strict";
import postgres from "postgres";
import { applyMigrations, type Migration } from "../../src/service/store/postgres/migrate.ts";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";

const MIGRATIONS: Migration[] = [
  { version: 2, name: "add column", sql: "alter table things add column label text" },
  { version: 1, name: "things", sql: "create table things (id serial primary key)" },
];

Deno.test({
  name: "migrations apply once, in order, even from two processes at the same time",
  ignore: !TEST_PG_URL,
  async fn() {
    const db = await createTestDatabase(TEST_PG_URL!);
    const a = postgres(db.url, { max: 2, onnotice: () => {} });
    const b = postgres(db.url, { max: 2, onnotice: () => {} });
    try {
      const [first, second] = await Promise.all([
        applyMigrations(a, MIGRATIONS, 1),
        applyMigrations(b, MIGRATIONS, 2),
      ]);
      deepEqual([...first, ...second].sort(), [1, 2]);
      const rows = await a`select version, name from caro_schema_migrations order by version`;
      deepEqual(rows.map((r) => r.version), [1, 2]);
      deepEqual(await applyMigrations(a, MIGRATIONS, 3), []);
      const more = [...MIGRATIONS, {
        version: 3,
        name: "index",
        sql: "create index on things (label)",
      }];
      deepEqual(await applyMigrations(b, more, 4), [3]);
      equal((await a`select count(*)::int as n from caro_schema_migrations`)[0].n, 3);
    } finally {
      await a.end();
      await b.end();
      await db.drop();
    }
  },
});
