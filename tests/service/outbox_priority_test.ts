/**
 * A pending job queued again under its dedupe key keeps the higher priority
 * (the stores skip the write when the new one is not higher), on every store.
 */
import { deepEqual } from "node:assert/strict";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

Deno.test("outbox: queued again, a pending job's priority only rises", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const store = await db.open();
      try {
        const job = (caseId: string, priority: number) => ({
          kind: "github.case",
          payload: { caseId },
          dedupeKey: `github.case:${caseId}`,
          priority,
        });
        const next = async (now: number) =>
          (await store.claimDue(now, 1, ["github.case"])).map((j) =>
            (j.payload as { caseId: string }).caseId
          );
        await store.enqueue(job("a", 5), 0);
        await store.enqueue(job("b", 4), 0);
        await store.enqueue(job("a", 3), 1); // lower: a keeps 5
        deepEqual(await next(10), ["a"]);
        await store.enqueue(job("c", 6), 2);
        await store.enqueue(job("b", 8), 3); // higher: b rises to 8
        deepEqual(await next(10), ["b"]);
        deepEqual(await store.outboxCounts(), { pending: 1, running: 2 });
      } finally {
        await store.close();
        await db.drop();
      }
    });
  }
});
