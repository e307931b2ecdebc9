/**
 * Two OS processes ingesting into one PostgreSQL at the same time: every
 * report is stored, reports of one problem share one case whichever process
 * took them, and case ids are unique and gap-free.
 */
import { deepEqual, equal } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { createTestDatabase, TEST_PG_URL } from "../../src/service/store/postgres/test_database.ts";
import { PostgresStore } from "../../src/service/store/postgres/postgres_store.ts";

const WORKER = fileURLToPath(new URL("./pg_ingest_process.ts", import.meta.url));

Deno.test({
  name: "two processes on one PostgreSQL: no duplicate case ids, no report lost",
  ignore: !TEST_PG_URL,
  async fn() {
    const db = await createTestDatabase(TEST_PG_URL!);
    try {
      // Migrate first so both processes race on data, not only on the schema lock.
      await (await PostgresStore.open(db.url)).close();
      const spawn = (tag: string) =>
        new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "--allow-net=127.0.0.1",
            "--allow-env",
            "--allow-read",
            WORKER,
            db.url,
            tag,
            "150",
            "40",
          ],
          stdout: "piped",
          stderr: "piped",
        }).output();
      const outputs = await Promise.all([spawn("a"), spawn("b")]);
      const results: { reportId: string; caseId: string }[] = [];
      for (const out of outputs) {
        equal(out.code, 0, new TextDecoder().decode(out.stderr));
        results.push(...JSON.parse(new TextDecoder().decode(out.stdout)));
      }
      equal(results.length, 300);
      const sql = postgres(db.url, { max: 1, onnotice: () => {} });
      try {
        const [{ n }] = await sql`select count(*)::int as n from reports`;
        equal(n, 300, "no report lost");
        const cases = await sql`select id, signature_key, report_count from cases order by id`;
        equal(cases.length, 40, "one case per problem");
        deepEqual(
          cases.map((c) => c.id),
          Array.from({ length: 40 }, (_, i) => `CARO-2026-${String(i + 1).padStart(3, "0")}`),
          "ids unique and gap-free",
        );
        equal(new Set(cases.map((c) => c.signature_key)).size, 40);
        equal(cases.reduce((total, c) => total + c.report_count, 0), 300);
        const byKey = new Map<string, Set<string>>();
        for (const r of results) {
          const [row] =
            await sql`select f.key from reports r join fingerprints f on f.case_id = r.case_id
                                  where r.id = ${r.reportId}`;
          byKey.set(row.key, (byKey.get(row.key) ?? new Set()).add(r.caseId));
        }
        for (const ids of byKey.values()) {
          equal(ids.size, 1, "both processes agree on each problem's case");
        }
      } finally {
        await sql.end();
      }
    } finally {
      await db.drop();
    }
  },
});
