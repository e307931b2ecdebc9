/**
 * A separate process that ingests reports into a shared PostgreSQL store,
 * for the two-process test. Args: URL, process tag, report count, key count.
 * Prints one JSON line: the report ids sent and the case ids they got.
 *
 * @module
 */
import { PostgresStore } from "../../src/service/store/postgres/postgres_store.ts";

const [url, tag, count, keys] = Deno.args;
const store = await PostgresStore.open(url, { max: 5 });
try {
  const results = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const reportId = crypto.randomUUID();
      const { caseId } = await store.recordReport({
        reportId,
        installKey: `${tag}-install-${i}`,
        signatureKey: `shared-key-${i % Number(keys)}`,
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
      return { reportId, caseId };
    }),
  );
  Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(results) + "\n"));
} finally {
  await store.close();
}
