/**
 * One case's GitHub work runs one job at a time in every process on a store:
 * a job queued while its twin runs is not claimed until the twin is done (or
 * its lease ends), one claim takes one job per dedupe key, and the secret
 * replicas share (the source hashing key) is made once. Both stores; each
 * claim below could come from another process.
 */
import { deepEqual, equal } from "node:assert/strict";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const job = (n: number) => ({
  kind: "github.case",
  payload: { kind: "github.case", caseId: "CARO-2026-001", n },
  dedupeKey: "github.case:CARO-2026-001",
});

Deno.test("outbox: a case's job waits while its twin runs; one job per key per claim", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const a = await db.open();
      const b = await db.open();
      try {
        await a.enqueue(job(1), 0);
        const [first] = await a.claimDue(1, 10, ["github.case"]);
        await b.enqueue(job(2), 2); // queued while the first runs
        deepEqual(await b.claimDue(3, 10, ["github.case"]), [], "not while the twin runs");
        await a.complete(first.id, 4);
        const [second] = await b.claimDue(5, 10, ["github.case"]);
        equal((second.payload as { n: number }).n, 2);
        // The running job's lease ends (its process died) while a twin is pending: one claim.
        await a.enqueue(job(3), 6);
        const later = 5 + 300_001;
        const claimed = await a.claimDue(later, 10, ["github.case"]);
        equal(claimed.length, 1);
        deepEqual(await b.claimDue(later, 10, ["github.case"]), []);
      } finally {
        await a.close();
        await b.close();
        await db.drop();
      }
    });
  }
});

Deno.test("shared secret: the first process's value, for every process on the store", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const a = await db.open();
      const b = await db.open();
      try {
        // (In sequence: two SQLite connections in one thread would wait on each other.)
        equal(await a.sharedSecret("source_hash_key", "from-a"), "from-a");
        equal(await b.sharedSecret("source_hash_key", "from-b"), "from-a");
      } finally {
        await a.close();
        await b.close();
        await db.drop();
      }
    });
  }
});
