/**
 * Replicas are a supported deployment (issue 17): the replicas scenario
 * (tools/chaos/replicas_run.ts), short — three service processes on one
 * PostgreSQL and one slow fake GitHub, 10 problems in two waves, one
 * replica killed with SIGKILL during GitHub work. Exactly one issue per
 * case, no dead job, nothing left pending or running, and the young-key
 * quota of one address held as on one instance (the hashing key is shared
 * through the database, not given by the operator). `deno task chaos --
 * replicas` runs it long.
 */
import { deepEqual, equal } from "node:assert/strict";
import { runReplicas } from "../../tools/chaos/replicas_run.ts";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";

Deno.test({
  name:
    "3 replicas on one PostgreSQL, slow GitHub, one kill -9: one issue per case, no dead job, quotas as one instance",
  ignore: !TEST_PG_URL,
  async fn() {
    const db = await createTestDatabase(TEST_PG_URL!);
    const workDir = await Deno.makeTempDir({ prefix: "caro-replicas-" });
    try {
      const verdict = await runReplicas({ pgUrl: db.url, workDir, cases: 10, waves: 2, kills: 1 });
      deepEqual(verdict.violations, []);
      equal(verdict.killed, 1);
      equal(verdict.reports, 60);
      deepEqual(Object.values(verdict.issuesPerCase), Array(10).fill(1), "one issue per case");
      equal(verdict.outbox.dead ?? 0, 0, verdict.deadJobs);
      deepEqual(verdict.quota, { accepted: 15, allowed: 15 });
    } finally {
      await db.drop();
      await Deno.remove(workDir, { recursive: true });
    }
  },
});
