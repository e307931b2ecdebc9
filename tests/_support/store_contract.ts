/**
 * The contract every {@link HealingStore} passes, as a set of `Deno.test`s
 * registered for one implementation: SQLite always
 * (`tests/service/sqlite_store_test.ts`), PostgreSQL when `CARO_TEST_PG_URL` is set
 * (`tests/service/postgres_store_contract_test.ts`).
 *
 * @module
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { admitReport } from "../../src/service/cases/admit_report.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { resolveCase } from "../../src/service/cases/resolve_case.ts";
import type { HealingStore } from "../../src/service/store/healing_store.ts";
import type { IncomingReport } from "../../src/service/store/report_port.ts";

/** Opens a fresh, empty store and returns it with its cleanup. */
export type OpenFreshStore = () => Promise<{ store: HealingStore; cleanup(): Promise<void> }>;

const T0 = Date.UTC(2026, 10, 25, 12);
const DAY = 86_400_000;

function incoming(overrides: Partial<IncomingReport> = {}): IncomingReport {
  return {
    reportId: crypto.randomUUID(),
    installKey: "install-a",
    signatureKey: "00112233aabbccdd",
    keyVersion: "v1",
    receivedAt: T0,
    caroVersion: "1.2.0",
    body: { any: "json" },
    seed: {
      title: "Safety rule blocks a file management request at validation",
      category: "rule_gap",
      confidence: 85,
      reasons: ["safety rule rm-recursive fired at stage validation"],
      failureType: "validation",
      stage: "validation",
      requestShape: "delete logs older than <NUM> days",
      platform: "linux/bash",
    },
    ...overrides,
  };
}

/**
 * Registers the contract tests for one store implementation.
 *
 * @example Registering the SQLite runs
 * ```ts ignore
 * storeContract("sqlite", async () => { const store = await SqliteStore.open(path); return { store, cleanup: () => store.close() }; });
 * ```
 */
export function storeContract(name: string, open: OpenFreshStore, ignore = false): void {
  const test = (title: string, fn: (store: HealingStore) => Promise<void>) =>
    Deno.test({
      name: `${name} store: ${title}`,
      ignore,
      async fn() {
        const { store, cleanup } = await open();
        try {
          await fn(store);
        } finally {
          await cleanup();
        }
      },
    });

  test("one case per signature key; a stored report id is a replay", async (store) => {
    const first = incoming();
    const a = await recordReport(store, first);
    equal(a.caseId, "CARO-2026-001");
    ok(a.newCase && !a.replay);
    equal(a.confidence, 85);
    const b = await recordReport(store, incoming({ installKey: "install-b" }));
    equal(b.caseId, a.caseId);
    ok(!b.newCase);
    const again = await recordReport(store, first);
    ok(again.replay);
    equal(again.caseId, a.caseId);
    deepEqual(await store.caseCounts(), [{ id: a.caseId, reports: 2, installs: 2 }]);
    equal((await store.findReport(first.reportId))?.installKey, "install-a");
    equal((await store.knownCase("00112233aabbccdd"))?.id, a.caseId);
    equal(await store.knownCase("ffffffffffffffff"), undefined);
  });

  test("case ids are gap-free and unique under concurrency", async (store) => {
    const results = await Promise.all(
      Array.from(
        { length: 60 },
        (_, i) =>
          recordReport(store, incoming({ installKey: `i${i}`, signatureKey: `key-${i % 12}` })),
      ),
    );
    const ids = [...new Set(results.map((r) => r.caseId))].sort();
    deepEqual(
      ids,
      Array.from({ length: 12 }, (_, i) => `CARO-2026-${String(i + 1).padStart(3, "0")}`),
    );
    equal((await store.caseCounts()).reduce((n, c) => n + c.reports, 0), 60);
  });

  test("fixed-in: notifications per report, older versions told to upgrade, a regression needs two established installs on a known release", async (store) => {
    const r1 = incoming({ installKey: "one" });
    const r2 = incoming({ installKey: "two" });
    const { caseId } = await recordReport(store, r1);
    await recordReport(store, r2);
    ok(await store.markFixPending(caseId));
    deepEqual(await store.casesPendingRelease(), [{ caseId, fixSha: undefined }]);
    equal(await resolveCase(store, caseId, "1.3.0", T0 + 1), 2);
    equal(await resolveCase(store, caseId, "1.3.0", T0 + 2), 0);
    const notices = await store.notificationsFor("one", 0);
    equal(notices.length, 1);
    equal(notices[0].status, "resolved");
    equal(notices[0].fixedIn, "1.3.0");
    equal(notices[0].reportId, r1.reportId);
    equal((await store.notificationsFor("two", 0)).length, 1);
    const old = await recordReport(store, incoming({ installKey: "three", caroVersion: "1.2.9" }));
    equal(old.status, "resolved");
    equal(old.fixedIn, "1.3.0");
    ok(!old.reopened);
    ok(await store.recordRelease("1.3.0", "v1.3.0", T0 + 1));
    const later = T0 + 2 * DAY;
    const claims = [
      { installKey: "four", caroVersion: "1.3.0", receivedAt: T0 + 3 }, // young key
      { installKey: "one", caroVersion: "999.0.0", receivedAt: later }, // no such release
      { installKey: "one", caroVersion: "1.3.0", receivedAt: later }, // one witness
      { installKey: "one", caroVersion: "1.3.0", receivedAt: later + 1 }, // still one
    ];
    for (const claim of claims) {
      const answer = await recordReport(store, incoming(claim));
      deepEqual([answer.status, answer.fixedIn, answer.reopened], ["resolved", "1.3.0", false]);
    }
    const second = await recordReport(
      store,
      incoming({ installKey: "two", caroVersion: "1.3.0", receivedAt: later + 2 }),
    );
    equal(second.status, "regression");
    ok(second.reopened);
    equal((await store.caseState(caseId))?.status, "regression");
    equal((await store.caseState(caseId))?.fixedIn, undefined);
  });

  test("filing: young single installs wait in triage; evidence files, by priority", async (store) => {
    await recordReport(store, incoming({ signatureKey: "aaaaaaaaaaaaaaaa", installKey: "y1" }));
    deepEqual(await store.outboxCounts(), {}, "one young install: triage");
    for (const installKey of ["y2", "y3"]) {
      await recordReport(store, incoming({ signatureKey: "aaaaaaaaaaaaaaaa", installKey }));
    }
    await store.touchInstall("old", T0 - 2 * DAY);
    const aged = await recordReport(
      store,
      incoming({ signatureKey: "bbbbbbbbbbbbbbbb", installKey: "old", receivedAt: T0 + 1 }),
    );
    const jobs = await store.claimDue(T0 + 1, 10, ["github.case"]);
    deepEqual(
      jobs.map((j) => (j.payload as { caseId: string }).caseId),
      [aged.caseId, "CARO-2026-001"],
      "an established install outranks three young ones",
    );
  });

  test("quarantined reports get an unpublished case of their own", async (store) => {
    await store.touchInstall("install-a", T0 - DAY);
    const normal = await recordReport(store, incoming());
    const q = await recordReport(store, incoming({ quarantined: true, installKey: "x" }));
    ok(q.caseId !== normal.caseId);
    equal(q.status, "quarantined");
    equal((await store.caseState(q.caseId))?.status, "quarantined");
    equal(await store.caseFacts(q.caseId), undefined);
    deepEqual((await store.listCaseFacts({ limit: 10 })).map((f) => f.id), [normal.caseId]);
    equal((await store.knownCase("00112233aabbccdd"))?.id, normal.caseId);
    const jobs = await store.claimDue(T0, 10, ["github.case"]);
    deepEqual(jobs.map((j) => (j.payload as { caseId: string }).caseId), [normal.caseId]);
  });

  test("quotas: all-or-nothing windows, distinct members, retry time", async (store) => {
    const hour = 3_600_000;
    const charges = [
      { scope: "install", bucket: "install:k", limit: 2, windowMs: hour },
      { scope: "global", bucket: "global", limit: 100, windowMs: 60_000 },
    ];
    ok((await store.consumeQuota(charges, T0)).ok);
    ok((await store.consumeQuota(charges, T0)).ok);
    const third = await store.consumeQuota(charges, T0 + 1_000);
    ok(!third.ok);
    if (!third.ok) {
      equal(third.scope, "install");
      equal(third.retryAfterMs, Math.floor(T0 / hour) * hour + hour - T0 - 1_000);
    }
    // The refused request charged nothing: only 2 global charges so far.
    const global = [{ scope: "global", bucket: "global", limit: 3, windowMs: 60_000 }];
    ok((await store.consumeQuota(global, T0)).ok);
    ok(!(await store.consumeQuota(global, T0)).ok);
    ok((await store.consumeQuota(charges, T0 + hour)).ok, "a new window starts at zero");
    const member = (
      m: string,
    ) => [{ scope: "source", bucket: "src", limit: 2, windowMs: hour, member: m }];
    ok((await store.consumeQuota(member("a"), T0)).ok);
    ok((await store.consumeQuota(member("a"), T0)).ok);
    ok((await store.consumeQuota(member("b"), T0)).ok);
    ok(!(await store.consumeQuota(member("c"), T0)).ok);
    ok((await store.consumeQuota(member("a"), T0)).ok, "a counted member passes");
  });

  test("admission: one transaction for first sighting, quotas and the report", async (store) => {
    const seen: { firstSeen: number; caseId?: string }[] = [];
    const plan = (limit: number) => (known: { firstSeen: number; caseId?: string }) => {
      seen.push(known);
      return [{ scope: "install", bucket: "install:install-a", limit, windowMs: 3_600_000 }];
    };
    const first = incoming();
    const a = await admitReport(store, first, plan(1));
    ok(a.ok);
    const caseId = a.ok ? a.result.caseId : "";
    deepEqual(seen[0], { firstSeen: T0, caseId: undefined });
    const refused = await admitReport(store, incoming({ receivedAt: T0 + 5 }), plan(1));
    ok(!refused.ok);
    if (!refused.ok) equal(refused.refusal.scope, "install");
    deepEqual(seen[1], { firstSeen: T0, caseId });
    const replay = await admitReport(store, first, plan(0));
    ok(replay.ok && replay.result.replay, "a replay charges nothing");
    deepEqual(await store.caseCounts(), [{ id: caseId, reports: 1, installs: 1 }]);
  });

  test("install first sighting; webhook deliveries dedupe on id and on body digest", async (store) => {
    equal(await store.touchInstall("k", T0), T0);
    equal(await store.touchInstall("k", T0 + DAY), T0);
    ok(await store.rememberWebhookDelivery({ id: "d-1", digest: "aa" }, T0));
    ok(!(await store.rememberWebhookDelivery({ id: "d-1", digest: "bb" }, T0 + 1)), "redelivery");
    ok(
      !(await store.rememberWebhookDelivery({ id: "d-2", digest: "aa" }, T0 + 1)),
      "replayed body",
    );
    ok(await store.rememberWebhookDelivery({ id: "d-3", digest: "cc" }, T0 + 1));
    ok(
      await store.rememberWebhookDelivery({ id: "d-4", digest: "bb" }, T0 + 2),
      "refused: kept nothing",
    );
    await store.forgetWebhookDelivery({ id: "d-3", digest: "cc" });
    ok(await store.rememberWebhookDelivery({ id: "d-3", digest: "cc" }, T0 + 3), "forgotten");
  });

  test("releases are known once; a linked issue's reopening undoes fix_pending; marker tokens stick", async (store) => {
    ok(await store.recordRelease("1.3.0", "v1.3.0", T0));
    ok(!(await store.recordRelease("1.3.0", "v1.3.0", T0 + 1)));
    const { caseId } = await recordReport(store, incoming());
    equal(await store.caseIssueToken(caseId, "a".repeat(32)), "a".repeat(32));
    equal(await store.caseIssueToken(caseId, "b".repeat(32)), "a".repeat(32));
    equal(await store.caseIssueToken("CARO-1999-001", "c".repeat(32)), undefined);
    ok(!(await store.reopenFix(caseId)), "not pending");
    await store.setFixCommit(caseId, "f".repeat(40));
    ok(await store.reopenFix(caseId));
    equal((await store.caseState(caseId))?.status, "open");
    deepEqual(await store.casesAwaitingRelease(), []);
  });

  test("erase: only by the sending install; report, contact and notices go, counts stay", async (store) => {
    const r = incoming({ contact: { method: "email", value: "me@example.org" } });
    const { caseId } = await recordReport(store, r);
    await resolveCase(store, caseId, "1.3.0", T0);
    equal(await store.eraseReport(r.reportId, "someone-else"), "forbidden");
    equal(await store.eraseReport(crypto.randomUUID(), "install-a"), "not_found");
    equal(await store.eraseReport(r.reportId, "install-a"), "erased");
    equal(await store.findReport(r.reportId), undefined);
    equal(await store.contactFor(r.reportId), undefined);
    deepEqual(await store.notificationsFor("install-a", 0), []);
    equal((await store.caseState(caseId))?.reports, 1);
  });

  test("retention: reports 90 days after resolution, contacts once delivered or at 90 days, counts stay", async (store) => {
    const fixed = incoming({ contact: { method: "github", value: "@me" } });
    const { caseId } = await recordReport(store, fixed);
    const open = incoming({
      signatureKey: "other-key",
      installKey: "b",
      contact: { method: "email", value: "b@example.org" },
    });
    await recordReport(store, open);
    await resolveCase(store, caseId, "1.3.0", T0);
    const [notice] = await store.notificationsFor("install-a", 0);
    await store.markNotificationsDelivered("install-a", notice.id, T0 + 1);
    const policy = { resolvedReportMs: 90 * DAY, contactMs: 90 * DAY, deliveryMs: 30 * DAY };
    const early = await store.purgeExpired(T0 + DAY, policy);
    equal(early.reports, 0);
    equal(early.contacts, 1);
    equal(await store.contactFor(fixed.reportId), undefined);
    ok(await store.contactFor(open.reportId), "undelivered contacts stay");
    ok(await store.findReport(fixed.reportId));
    const late = await store.purgeExpired(T0 + 91 * DAY, policy);
    equal(late.reports, 1);
    equal(late.contacts, 1);
    equal(await store.contactFor(open.reportId), undefined, "undelivered contacts go at 90 days");
    equal(await store.findReport(fixed.reportId), undefined);
    ok(await store.findReport(open.reportId), "open cases keep their reports");
    equal((await store.caseState(caseId))?.reports, 1);
  });
}
