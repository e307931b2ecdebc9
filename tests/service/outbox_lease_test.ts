/**
 * A job that runs longer than its lease stays its worker's: the drain renews
 * the lease while the handler runs, so another process (a replica on the
 * same database) never claims a live job — one case, one GitHub issue, even
 * when GitHub makes a job wait. Real SQLite file, and PostgreSQL when
 * `CARO_TEST_PG_URL` is set.
 */
import { deepEqual } from "node:assert/strict";
import { drainOutbox } from "../../src/service/outbox/drain_outbox.ts";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

const LEASE_MS = 300;

Deno.test("a job running past its lease is not claimed by another process", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const db = await freshDatabase(kind);
      const worker = await db.open({ leaseMs: LEASE_MS });
      const replica = await db.open({ leaseMs: LEASE_MS });
      try {
        await worker.enqueue({ kind: "github.case", payload: { caseId: "CARO-2026-0001" } }, 0);
        const claimedMeanwhile: string[] = [];
        const result = await drainOutbox(worker, ["github.case"], async () => {
          // Three and a half leases long; the replica tries after one and a half and after three.
          for (const ms of [LEASE_MS * 1.5, LEASE_MS * 1.5, LEASE_MS / 2]) {
            await new Promise((resolve) => setTimeout(resolve, ms));
            const stolen = await replica.claimDue(Date.now(), 1, ["github.case"]);
            claimedMeanwhile.push(...stolen.map((job) => job.id));
          }
        }, Date.now);
        deepEqual(claimedMeanwhile, [], "the replica claimed the running job");
        deepEqual(result, { done: 1, retried: 0, failed: 0 });
        deepEqual(await replica.claimDue(Date.now() + LEASE_MS * 10, 1, ["github.case"]), []);
      } finally {
        await replica.close();
        await worker.close();
        await db.drop();
      }
    });
  }
});
