import { deepEqual, equal, ok } from "node:assert/strict";
import { admitReport } from "../../src/service/cases/admit_report.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { resolveCase } from "../../src/service/cases/resolve_case.ts";
import { openPostgresStore } from "../../src/service/store/postgres/postgres_store.ts";
import { quotaCharges } from "../../src/service/ingest/quota_plan.ts";
import { DEFAULT_LIMITS } from "../../src/service/service_limits.ts";
import type { HealingStore } from "../../src/service/store/healing_store.ts";
import type {
  AdmitOutcome,
  IncomingReport,
  IngestResult,
  QuotaPlan,
} from "../../src/service/store/report_port.ts";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";

const T0 = Date.UTC(2026, 10, 25, 12);

function report(n: number, key: string, install = `install-${n}`): IncomingReport {
  return {
    reportId: crypto.randomUUID(),
    installKey: install,
    signatureKey: key,
    keyVersion: "v1",
    receivedAt: T0 + n,
    caroVersion: "1.2.0",
    body: { n },
    seed: {
      title: `problem ${key}`,
      category: "rule_gap",
      confidence: 80,
      reasons: ["r"],
      failureType: "safety_blocked",
      stage: "safety",
      requestShape: "rm <PATH>",
      platform: n % 2 ? "linux/bash" : "macos/zsh",
    },
  };
}

function pgTest(name: string, fn: (url: string) => Promise<void>) {
  Deno.test({
    name: `postgres store: ${name}`,
    ignore: !TEST_PG_URL,
    async fn() {
      const db = await createTestDatabase(TEST_PG_URL!);
      try {
        await fn(db.url);
      } finally {
        await db.drop();
      }
    },
  });
}

pgTest("reports dedupe into cases; a replayed report id returns its case", async (url) => {
  const store = await openPostgresStore(url, { now: () => T0 });
  try {
    const first = report(1, "aaaa");
    const a = await recordReport(store, first);
    const pick = (r: IngestResult) => ({
      caseId: r.caseId,
      status: r.status,
      newCase: r.newCase,
      replay: r.replay,
    });
    deepEqual(pick(a), { caseId: "CARO-2026-001", status: "open", newCase: true, replay: false });
    deepEqual(pick(await recordReport(store, first)), { ...pick(a), newCase: false, replay: true });
    const b = await recordReport(store, report(2, "aaaa"));
    equal(b.caseId, "CARO-2026-001");
    equal((await recordReport(store, report(3, "bbbb"))).caseId, "CARO-2026-002");
    deepEqual(await store.caseCounts(), [
      { id: "CARO-2026-001", reports: 2, installs: 2 },
      { id: "CARO-2026-002", reports: 1, installs: 1 },
    ]);
    const facts = await store.caseFacts("CARO-2026-001");
    equal(facts?.requestShapeInstalls, 2);
    deepEqual(facts?.platforms.map((p) => p.installs), [1, 1]);
    equal((await store.listCaseFacts({ status: "open", limit: 10 })).length, 2);
    equal((await store.listCaseFacts({ status: "resolved", limit: 10 })).length, 0);
  } finally {
    await store.close();
  }
});

pgTest(
  "two stores (pools) ingesting at once: no duplicate ids, no gaps, nothing lost",
  async (url) => {
    const [s1, s2] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    try {
      const reports = Array.from({ length: 200 }, (_, i) => report(i, `key-${i % 25}`));
      const results = await Promise.all(reports.map((r, i) => recordReport(i % 2 ? s1 : s2, r)));
      const ids = new Set(results.map((r) => r.caseId));
      equal(ids.size, 25);
      equal(results.filter((r) => r.newCase).length, 25);
      const counts = await s1.caseCounts();
      deepEqual(
        counts.map((c) => c.id),
        Array.from({ length: 25 }, (_, i) => `CARO-2026-${String(i + 1).padStart(3, "0")}`),
      );
      equal(counts.reduce((n, c) => n + c.reports, 0), 200);
    } finally {
      await s1.close();
      await s2.close();
    }
  },
);

pgTest("outbox: exclusive claims across stores, leases, retries, dedupe", async (url) => {
  const [s1, s2] = await Promise.all([
    openPostgresStore(url, { leaseMs: 10_000 }),
    openPostgresStore(url),
  ]);
  try {
    for (let i = 0; i < 10; i++) {
      await s1.touchInstall(`install-${i}`, T0 - 2 * 86_400_000); // established: filed
      await recordReport(s1, report(i, `k${i}`));
    }
    await recordReport(s1, report(99, "k0")); // absorbed by the pending github.case job of CARO-2026-001
    deepEqual(await s1.outboxCounts(), { pending: 10 });
    const [a, b] = await Promise.all([
      s1.claimDue(T0 + 100, 6, ["github.case"]),
      s2.claimDue(T0 + 100, 6, ["github.case"]),
    ]);
    equal(a.length + b.length, 10);
    equal(new Set([...a, ...b].map((j) => j.id)).size, 10);
    deepEqual(await s1.claimDue(T0 + 200, 10, ["github.case"]), [], "all leased");
    const job = a[0];
    await s1.retryLater(job.id, T0 + 5_000, "GitHub answered 502");
    deepEqual(await s1.claimDue(T0 + 4_999, 10, ["email.notice"]), []);
    const again = await s2.claimDue(T0 + 5_000, 1, ["github.case"]);
    equal(again[0].id, job.id);
    equal(again[0].attempt, 2);
    await s2.complete(again[0].id, T0 + 5_001);
    // the rest were leased until T0 + 100 + 10_000 by s1, or T0 + 100 + 300_000 by s2
    const expired = await s2.claimDue(T0 + 10_101, 20, ["github.case"]);
    equal(expired.length, a.length - 1, "s1's unfinished jobs come back after their lease");
    await s2.fail(expired[0].id, "GitHub answered 422", T0 + 10_200);
    equal((await s2.outboxCounts()).dead, 1);
  } finally {
    await s1.close();
    await s2.close();
  }
});

pgTest(
  "fixed-in: notifications per report, e-mail jobs per contact, contact deletion, delivery dedupe",
  async (url) => {
    const store = await openPostgresStore(url);
    try {
      const withContact = {
        ...report(1, "kk"),
        contact: { method: "email", value: "a@example.org" },
      };
      await recordReport(store, withContact);
      await recordReport(store, report(2, "kk"));
      await store.saveGitHubLink("CARO-2026-001", { issueNumber: 4, issueUrl: "https://gh/4" }, T0);
      equal(await store.caseIdForIssue(4), "CARO-2026-001");
      equal(await store.caseIdForIssue(5), undefined);
      await store.setFixCommit("CARO-2026-001", "a".repeat(40));
      deepEqual(await store.casesAwaitingRelease(), [{
        caseId: "CARO-2026-001",
        fixSha: "a".repeat(40),
      }]);
      equal(await resolveCase(store, "CARO-2026-001", "1.3.0", T0 + 10), 2);
      equal(await resolveCase(store, "CARO-2026-001", "1.3.0", T0 + 20), 0, "idempotent");
      deepEqual(await store.casesAwaitingRelease(), []);
      const notices = await store.notificationsFor("install-1", 0);
      equal(notices.length, 1);
      equal(notices[0].kind, "resolved");
      deepEqual(await store.notificationsFor("install-1", notices[0].id), []);
      const emails = await store.claimDue(T0 + 30, 10, ["email.notice"]);
      equal(emails.length, 1);
      deepEqual(await store.contactFor(withContact.reportId), {
        method: "email",
        value: "a@example.org",
      });
      await store.deleteContact(withContact.reportId);
      equal(await store.contactFor(withContact.reportId), undefined);
      const facts = await store.caseFacts("CARO-2026-001");
      equal(facts?.fixedIn, "1.3.0");
      equal(facts?.issueUrl, "https://gh/4");
      equal(facts?.status, "resolved");
      ok(await store.rememberWebhookDelivery({ id: "d-1", digest: "d1" }, T0));
      equal(await store.rememberWebhookDelivery({ id: "d-1", digest: "d1" }, T0), false);
    } finally {
      await store.close();
    }
  },
);

/**
 * Admits `reports` so that they travel in one batch: a first admission is in
 * flight while they queue (a batch takes what arrived while the last ran).
 */
function admitTogether(
  store: HealingStore,
  reports: IncomingReport[],
  plan: QuotaPlan,
): Promise<PromiseSettledResult<AdmitOutcome>[]> {
  const ahead = admitReport(store, report(999, "ahead-of-the-batch"), () => []);
  const together = reports.map((r) => admitReport(store, r, plan));
  return Promise.all([ahead, Promise.allSettled(together)]).then(([, settled]) => settled);
}

/** The service's quota plan with a per-case limit of `casePerHour` and no other in the way. */
function casePlan(installKey: string, casePerHour: number): QuotaPlan {
  const limits = { ...DEFAULT_LIMITS, casePerHour, youngInstallPerHour: 1_000 };
  return ({ firstSeen, caseId }) =>
    quotaCharges(
      { installKey, youngKey: T0 - firstSeen < 86_400_000, source: "s", caseId },
      limits,
    );
}

pgTest(
  "a new problem's reports in one batch: one case, and its quota counts every report after the first",
  async (url) => {
    const store = await openPostgresStore(url);
    try {
      // Planned before the case exists, all but the first wait for the next batch, then are
      // charged to the case the first opened: 1 + 5 admitted, as one report at a time.
      const reports = Array.from({ length: 20 }, (_, i) => report(i, "new-problem"));
      const outcomes = (await admitTogether(store, reports, casePlan("x", 5)))
        .map((o) => o.status === "fulfilled" ? o.value : undefined);
      const admitted = outcomes.flatMap((o) => o?.ok ? [o.result] : []);
      equal(admitted.length, 6);
      deepEqual(
        outcomes.flatMap((o) => o && !o.ok ? [o.refusal.scope] : []),
        Array(14).fill("case"),
      );
      const caseId = admitted[0].caseId;
      ok(admitted.every((r) => r.caseId === caseId));
      equal((await store.caseCounts()).find((c) => c.id === caseId)?.reports, 6);
    } finally {
      await store.close();
    }
  },
);

pgTest(
  "batches: a report id in capitals is the same report; one failing report fails alone",
  async (url) => {
    const store = await openPostgresStore(url);
    try {
      const first = report(1, "kk");
      const shouting = { ...first, reportId: first.reportId.toUpperCase() };
      const [a, b] = await admitTogether(store, [first, shouting], () => []);
      ok(a.status === "fulfilled" && a.value.ok && !a.value.result.replay);
      ok(b.status === "fulfilled" && b.value.ok && b.value.result.replay);
      const again = await recordReport(store, { ...first, reportId: first.reportId.toUpperCase() });
      ok(again.replay);
      const broken = { ...report(2, "kk"), reportId: "not-a-uuid" };
      const outcomes = await admitTogether(
        store,
        [report(3, "kk"), broken, report(4, "kk")],
        () => [],
      );
      deepEqual(outcomes.map((o) => o.status), ["fulfilled", "rejected", "fulfilled"]);
      const caseId = a.status === "fulfilled" && a.value.ok ? a.value.result.caseId : "";
      deepEqual((await store.caseCounts()).find((c) => c.id === caseId), {
        id: caseId,
        reports: 3,
        installs: 3,
      });
    } finally {
      await store.close();
    }
  },
);

pgTest("an install first admitted elsewhere is planned with its real age", async (url) => {
  const [s1, s2] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
  try {
    await s1.touchInstall("veteran", T0 - 2 * 86_400_000);
    const seen: number[] = [];
    const outcome = await admitReport(s2, report(1, "kk", "veteran"), ({ firstSeen }) => {
      seen.push(firstSeen);
      return [];
    });
    ok(outcome.ok);
    equal(seen.at(-1), T0 - 2 * 86_400_000);
  } finally {
    await s1.close();
    await s2.close();
  }
});

Deno.test("postgres store: an unreachable server is a one-line error without the password", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const error = await openPostgresStore(`postgres://caro:s3cret-pass@127.0.0.1:${port}/caro`)
    .catch((e) => e);
  ok(error instanceof Error);
  equal(error.name, "CaroError");
  ok(
    error.message.startsWith(
      `Cannot open PostgreSQL store "postgres://caro:***@127.0.0.1:${port}/caro"`,
    ),
  );
  ok(!error.message.includes("s3cret"));
});
