import { deepEqual } from "node:assert/strict";
import { join } from "node:path";
import { storeContract } from "../store_contract.ts";
import { SqliteStore } from "./sqlite_store.ts";

storeContract("sqlite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-sqlite-store-" });
  const store = await SqliteStore.open(join(dir, "healing.db"));
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
  const store = await SqliteStore.open(path);
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
      store.recordReport(report({ ok: 1 }, "k1")),
      store.recordReport(report(circular, "k2")),
      store.recordReport(report({ ok: 2 }, "k3")),
    ]);
    deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
    await store.close();
    const reopened = await SqliteStore.open(path);
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
