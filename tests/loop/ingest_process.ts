/**
 * A separate process that ingests reports into a shared store (a SQLite
 * file or a PostgreSQL URL), for the two-process test. Args: database,
 * process tag, report count, key count. Prints one JSON line: the report ids
 * sent, their keys and the case ids they got.
 *
 * @module
 */
import { recordReport } from "../../src/service/cases/record_report.ts";
import { openStore } from "../../src/service/store/open_store.ts";

const [db, tag, count, keys] = Deno.args;
const store = await openStore(db);
try {
  const results = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const reportId = crypto.randomUUID();
      const signatureKey = `shared-key-${i % Number(keys)}`;
      const { caseId } = await recordReport(store, {
        reportId,
        installKey: `${tag}-install-${i}`,
        signatureKey,
        keyVersion: "v1",
        receivedAt: Date.UTC(2026, 10, 25),
        caroVersion: "1.2.0",
        body: { tag, i },
        seed: {
          title: `problem ${i % Number(keys)}`,
          category: "nl_parsing",
          confidence: 60,
          reasons: [],
          failureType: "generation_failed",
          stage: "generation",
          platform: "linux/bash",
        },
      });
      return { reportId, signatureKey, caseId };
    }),
  );
  Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(results) + "\n"));
} finally {
  await store.close();
}
