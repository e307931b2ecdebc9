/**
 * Two OS processes ingesting into one store at the same time (one SQLite
 * file: the second writer waits on SQLite's lock; one PostgreSQL database):
 * every report is stored, reports of one problem share one case whichever
 * process took them, and case ids are unique and gap-free.
 */
import { deepEqual, equal } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const WORKER = fileURLToPath(new URL("./ingest_process.ts", import.meta.url));

Deno.test("two processes on one store: no duplicate case ids, no report lost", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      try {
        // Migrate first so both processes race on data, not only on the schema.
        await (await db.open()).close();
        const spawn = (tag: string) =>
          new Deno.Command(Deno.execPath(), {
            args: [
              "run",
              "--allow-net=127.0.0.1",
              "--allow-env",
              "--allow-read",
              "--allow-write",
              WORKER,
              db.location,
              tag,
              "150",
              "40",
            ],
            stdout: "piped",
            stderr: "piped",
          }).output();
        const outputs = await Promise.all([spawn("a"), spawn("b")]);
        const results: { reportId: string; signatureKey: string; caseId: string }[] = [];
        for (const out of outputs) {
          equal(out.code, 0, new TextDecoder().decode(out.stderr));
          results.push(...JSON.parse(new TextDecoder().decode(out.stdout)));
        }
        equal(results.length, 300);
        const store = await db.open();
        try {
          const cases = await store.caseCounts();
          deepEqual(
            cases.map((c) => c.id),
            Array.from({ length: 40 }, (_, i) => `CARO-2026-${String(i + 1).padStart(3, "0")}`),
            "one case per problem, ids unique and gap-free",
          );
          equal(cases.reduce((total, c) => total + c.reports, 0), 300, "no report lost");
          const byKey = new Map<string, Set<string>>();
          for (const r of results) {
            equal((await store.findReport(r.reportId))?.caseId, r.caseId);
            byKey.set(r.signatureKey, (byKey.get(r.signatureKey) ?? new Set()).add(r.caseId));
          }
          equal(byKey.size, 40);
          for (const ids of byKey.values()) {
            equal(ids.size, 1, "both processes agree on each problem's case");
          }
        } finally {
          await store.close();
        }
      } finally {
        await db.drop();
      }
    });
  }
});
