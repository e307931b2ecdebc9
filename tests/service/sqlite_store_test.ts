import { deepEqual } from "node:assert/strict";
import { join } from "node:path";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { openSqliteStore } from "../../src/service/store/sqlite/sqlite_store.ts";
import { storeContract } from "../_support/store_contract.ts";

storeContract("sqlite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-sqlite-store-" });
  const store = await openSqliteStore(join(dir, "healing.db"));
  return {
    store,
    async cleanup() {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});

Deno.test("sqlite store: a failing operation in a commit group rolls back alone", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-sqlite-group-" });
  const path = join(dir, "healing.db");
  const store = await openSqliteStore(path);
  try {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const report = (body: unknown, key: string) => ({
      reportId: crypto.randomUUID(),
      installKey: "i",
      signatureKey: key,
      keyVersion: "v1",
      receivedAt: Date.UTC(2026, 10, 25),
      caroVersion: "1.2.0",
      body,
      seed: {
        title: "t",
        category: "nl_parsing",
        confidence: 60,
        reasons: [],
        failureType: "generation",
        stage: "parsing",
        platform: "linux/bash",
      },
    });
    // Issued in one turn: they share one commit group.
    const results = await Promise.allSettled([
      recordReport(store, report({ ok: 1 }, "k1")),
      recordReport(store, report(circular, "k2")),
      recordReport(store, report({ ok: 2 }, "k3")),
    ]);
    deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
    await store.close();
    const reopened = await openSqliteStore(path);
    try {
      deepEqual((await reopened.caseCounts()).map((c) => c.id), ["CARO-2026-001", "CARO-2026-002"]);
    } finally {
      await reopened.close();
    }
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
