/**
 * Issue 17: a refused key no longer gets an `installs` row (its age counts
 * from its first admitted report). Databases written before that still hold
 * rows for keys that were refused; a migration removes every `installs` row
 * with no admitted report, and keeps the others. Real SQLite file, and
 * PostgreSQL when `CARO_TEST_PG_URL` is set.
 */
import { deepEqual, equal } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import postgres from "postgres";
import { generateInstallKey, toBase64Url } from "../../src/protocol/signed_request.ts";
import { SQLITE_MIGRATIONS } from "../../src/service/store/sqlite/ddl.ts";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";
import { type FreshDatabase, freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const LEGACY = "legacy-refused-key";

/** Adds a refused key's row, as the old code wrote it, and marks the purge as not yet applied. */
async function plantLegacyRow(db: FreshDatabase): Promise<void> {
  if (db.kind === "sqlite") {
    const file = new DatabaseSync(db.location);
    try {
      file.prepare("insert into installs (key, first_seen) values (?, ?)").run(LEGACY, 1);
      file.exec(`pragma user_version = ${SQLITE_MIGRATIONS.length - 1}`);
    } finally {
      file.close();
    }
    return;
  }
  const sql = postgres(db.location, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into installs (key, first_seen) values (${LEGACY}, 1)`;
    await sql`delete from caro_schema_migrations where version = 6`;
  } finally {
    await sql.end();
  }
}

async function installKeys(db: FreshDatabase): Promise<string[]> {
  if (db.kind === "sqlite") {
    const file = new DatabaseSync(db.location);
    try {
      return file.prepare("select key from installs order by key").all().map((r) => String(r.key));
    } finally {
      file.close();
    }
  }
  const sql = postgres(db.location, { max: 1, onnotice: () => {} });
  try {
    return (await sql<{ key: string }[]>`select key from installs order by key`).map((r) => r.key);
  } finally {
    await sql.end();
  }
}

Deno.test("the migration drops installs rows of refused keys and keeps admitted ones", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      try {
        const key = await generateInstallKey();
        const svc = await startTestService({ store: await db.open() });
        try {
          equal((await postReport(svc.url, key, sampleReport())).status, 201);
        } finally {
          await svc.stop();
        }
        await plantLegacyRow(db);
        deepEqual(await installKeys(db), [toBase64Url(key.publicKeyRaw), LEGACY].sort());
        await (await db.open()).close(); // opening migrates
        deepEqual(await installKeys(db), [toBase64Url(key.publicKeyRaw)]);
      } finally {
        await db.drop();
      }
    });
  }
});
