/**
 * The service process on PostgreSQL (`--db postgres://…`): a report is
 * stored, and a second process on the same database continues the ids.
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { equal } from "node:assert/strict";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";
import { postReport, sampleReport } from "../_support/service_harness.ts";
import { startService } from "../../tools/service_process.ts";

Deno.test({
  name: "service process on PostgreSQL: reports stored, ids continue across processes",
  ignore: !TEST_PG_URL,
  async fn() {
    const db = await createTestDatabase(TEST_PG_URL!);
    const logFile = await Deno.makeTempFile({ suffix: ".log" });
    try {
      const key = await generateInstallKey();
      const first = await startService({ db: db.url, logFile });
      const a = await postReport(first.url, key, sampleReport());
      equal(a.status, 201);
      const caseA = (await a.json()).case_id;
      equal((await first.stop()).code, 0);
      const second = await startService({ db: db.url, logFile });
      try {
        const b = sampleReport({ request: { intent_category: "search" } });
        const caseB = (await (await postReport(second.url, key, b)).json()).case_id;
        equal(caseA.slice(-3), "001");
        equal(caseB.slice(-3), "002");
        const again = await postReport(second.url, key, b);
        equal(again.status, 200);
        equal((await again.json()).case_id, caseB);
      } finally {
        await second.stop();
      }
    } finally {
      await db.drop();
      await Deno.remove(logFile);
    }
  },
});
