/**
 * The GitHub webhook against the real service (and a fake GitHub checked
 * against GitHub's description): only the configured repository, only what
 * the service itself filed, effects idempotent by content.
 *
 * - wrong signature → 401, nothing changes;
 * - the linked issue closed as completed + a release → resolved, one notice
 *   per report; a redelivery and a replayed body change nothing;
 * - outsiders cannot move a case: an issue carrying a copied marker, the
 *   linked issue number in another repository, another repository's merged
 *   PR and release, a captured body replayed under a new delivery id;
 * - `issues.reopened` on the linked issue undoes `fix_pending`;
 * - any event name GitHub sends is accepted;
 * - regressions need evidence: known releases, two established installs.
 */
import { generateInstallKey, type InstallKey } from "../../src/protocol/signed_request.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import { type FakeGitHub, startFakeGitHub } from "../../tools/fake_github.ts";
import type { HealingStore } from "../../src/service/store/healing_store.ts";
import { openSqliteStore } from "../../src/service/store/sqlite/sqlite_store.ts";
import {
  hubSignature,
  postReport,
  sampleReport,
  signedEmpty,
  startTestService,
  type TestService,
} from "../_support/service_harness.ts";

const SECRET = "webhook-secret-for-tests";
const DAY = 86_400_000;
const OURS = { full_name: "caro-sh/caro", default_branch: "main" };
const THEIRS = { full_name: "someone/caro", default_branch: "main" };

/** Sends a webhook as GitHub does; `body` replays exact bytes. */
async function webhook(
  svc: TestService,
  event: string,
  payload: unknown,
  options: { delivery?: string; secret?: string; body?: string } = {},
): Promise<Response> {
  const body = options.body ?? JSON.stringify(payload);
  return await fetch(`${svc.url}/v1/webhooks/github`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.delivery ?? crypto.randomUUID(),
      "x-hub-signature-256": await hubSignature(options.secret ?? SECRET, body),
    },
    body,
  });
}

async function send(svc: TestService, event: string, payload: unknown) {
  const res = await webhook(svc, event, payload);
  equal(res.status, 200);
  return await res.json();
}

const issueEvent = (action: string, number: number, repository = OURS, body = "") => ({
  action,
  repository,
  issue: {
    number,
    state: action === "reopened" ? "open" : "closed",
    state_reason: "completed",
    body,
  },
});

const release = (tag: string, repository = OURS) => ({
  action: "published",
  repository,
  release: { tag_name: tag, draft: false, prerelease: false },
});

const mergedPr = (title: string, body: string, repository = OURS, sha = "a".repeat(40)) => ({
  action: "closed",
  repository,
  pull_request: {
    merged: true,
    merge_commit_sha: sha,
    title,
    body,
    head: { ref: "fix/cleanup" },
    base: { ref: "main" },
  },
});

async function caseStatus(svc: TestService, caseId: string) {
  return await (await fetch(`${svc.url}/v1/cases/${caseId}`)).json();
}

/**
 * The service with GitHub configured (the fake) and a clock the test moves;
 * `store` serves a given store (a real one with a fault let in).
 */
async function withService(
  run: (svc: TestService, gh: FakeGitHub, clock: { now: number }) => Promise<void>,
  store?: HealingStore,
) {
  const gh = await startFakeGitHub();
  const clock = { now: Date.UTC(2026, 10, 25, 12) };
  const svc = await startTestService({
    store,
    now: () => clock.now,
    env: {
      CARO_GITHUB_WEBHOOK_SECRET: SECRET,
      CARO_GITHUB_REPO: "caro-sh/caro",
      CARO_GITHUB_TOKEN: "ghp_example",
      CARO_GITHUB_API_URL: gh.url,
    },
  });
  try {
    await run(svc, gh, clock);
  } finally {
    await svc.stop();
    await svc.remove();
    await gh.close();
  }
}

/** Three installs report one problem; the service files its issue (#1). */
async function filedCase(svc: TestService, clock: { now: number }) {
  const keys: InstallKey[] = [];
  let caseId = "";
  for (let i = 0; i < 3; i++) {
    keys.push(await generateInstallKey());
    const res = await postReport(svc.url, keys[i], sampleReport(), { nowMs: clock.now });
    caseId = (await res.json()).case_id;
  }
  await svc.service.loop.drainNow();
  equal((await caseStatus(svc, caseId)).issue_url, "https://github.com/caro-sh/caro/issues/1");
  return { caseId, keys };
}

Deno.test("webhook: wrong signature → 401, nothing changes", async () => {
  await withService(async (svc, _gh, clock) => {
    const { caseId } = await filedCase(svc, clock);
    const bad = await webhook(svc, "issues", issueEvent("closed", 1), { secret: "not-the-secret" });
    equal(bad.status, 401);
    equal((await bad.json()).error.code, "signature_invalid");
    const tampered = await fetch(`${svc.url}/v1/webhooks/github`, {
      method: "POST",
      headers: {
        "x-github-event": "release",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": await hubSignature(SECRET, JSON.stringify(release("v1.3.0"))),
      },
      body: JSON.stringify(release("v1.4.0")),
    });
    equal(tampered.status, 401);
    await tampered.body?.cancel();
    equal((await caseStatus(svc, caseId)).status, "open");
    deepEqual(await svc.store.casesPendingRelease(), []);
  });
});

Deno.test("webhook: linked issue completed + release → resolved, one notice per report; redelivery changes nothing", async () => {
  await withService(async (svc, _gh, clock) => {
    const { caseId, keys } = await filedCase(svc, clock);
    await (await postReport(svc.url, keys[0], sampleReport(), { nowMs: clock.now })).body?.cancel();

    deepEqual((await send(svc, "issues", issueEvent("closed", 1))).cases, [caseId]);
    equal((await caseStatus(svc, caseId)).status, "open", "fixed on main, not released yet");

    const delivery = crypto.randomUUID();
    const first = await webhook(svc, "release", release("v1.3.0"), { delivery });
    deepEqual((await first.json()).cases, [caseId]);
    const again = await webhook(svc, "release", release("v1.3.0"), { delivery });
    equal(again.status, 200);
    equal((await again.json()).duplicate, true);

    const status = await caseStatus(svc, caseId);
    equal(status.status, "resolved");
    equal(status.fixed_in, "1.3.0");
    const counts = await Promise.all(keys.map(async (key) => {
      const res = await signedEmpty(svc.url, key, "GET", "/v1/notifications?since=0", clock.now);
      const body = await res.json();
      for (const n of body.notifications) {
        equal(n.case_id, caseId);
        equal(n.fixed_in, "1.3.0");
      }
      return body.notifications.length;
    }));
    deepEqual(counts, [2, 1, 1], "one notification per report");
    const old = await postReport(svc.url, keys[1], sampleReport({ caro_version: "1.2.5" }), {
      nowMs: clock.now,
    });
    const oldBody = await old.json();
    deepEqual([oldBody.status, oldBody.message], ["resolved", "fixed in 1.3.0, upgrade"]);
  });
});

Deno.test("webhook: a delivery whose effect failed (500) is applied when GitHub redelivers it", async () => {
  // A real SQLite store whose first markFixPending fails, as a busy or
  // dropped database would; nothing else about it is changed.
  const dir = await Deno.makeTempDir({ prefix: "caro-webhook-fault-" });
  const store = await openSqliteStore(`${dir}/healing.db`);
  let failures = 1;
  const flaky = new Proxy(store, {
    get(target, name) {
      if (name === "markFixPending" && failures > 0) {
        failures--;
        return () => Promise.reject(new Error("database is locked"));
      }
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  try {
    await withService(async (svc, _gh, clock) => {
      const { caseId } = await filedCase(svc, clock);
      const delivery = crypto.randomUUID();
      const failed = await webhook(svc, "issues", issueEvent("closed", 1), { delivery });
      equal(failed.status, 500);
      equal((await failed.json()).error.retry, true);
      deepEqual(await svc.store.casesPendingRelease(), [], "nothing applied");

      const redelivered = await webhook(svc, "issues", issueEvent("closed", 1), { delivery });
      equal(redelivered.status, 200);
      const body = await redelivered.json();
      equal(body.duplicate, undefined, "not taken for a duplicate");
      deepEqual(body.cases, [caseId]);
      deepEqual((await svc.store.casesPendingRelease()).map((c) => c.caseId), [caseId]);

      const again = await webhook(svc, "issues", issueEvent("closed", 1), { delivery });
      equal((await again.json()).duplicate, true, "applied once");
    }, flaky);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("webhook: outsiders cannot move a case; a reopened linked issue undoes fix_pending; replays change nothing", async () => {
  await withService(async (svc, gh, clock) => {
    const { caseId } = await filedCase(svc, clock);
    const marker = gh.state.issues[0].body.split("\n")[0];
    const still = async (what: string) => {
      const s = await caseStatus(svc, caseId);
      deepEqual([s.status, s.fixed_in], ["open", undefined], what);
      deepEqual(await svc.store.casesPendingRelease(), [], what);
    };

    // An outsider opens and closes their own issue with our marker copied into it.
    const copied = await send(svc, "issues", issueEvent("closed", 99, OURS, `${marker}\nfixed!`));
    deepEqual(copied.cases, []);
    await still("an outsider's issue with a copied marker");
    // Our issue number, but in another repository (an org or App webhook sees it).
    deepEqual((await send(svc, "issues", issueEvent("closed", 1, THEIRS))).kind, "ignored");
    await still("a linked issue number in another repository");
    // Another repository's merged PR naming the case and closing "#1", and its release.
    const pr = await send(svc, "pull_request", mergedPr(`Fix ${caseId}`, "Fixes #1", THEIRS));
    equal(pr.kind, "ignored");
    equal((await send(svc, "release", release("v0.0.1", THEIRS))).kind, "ignored");
    await still("another repository's PR and release");
    // A PR in our repository naming an unknown case moves nothing either.
    deepEqual((await send(svc, "pull_request", mergedPr("Fix CARO-2026-999", ""))).cases, []);

    // The maintainer closes the linked issue, then reopens it.
    const closedBody = JSON.stringify(issueEvent("closed", 1));
    const closed = await webhook(svc, "issues", undefined, { body: closedBody });
    deepEqual((await closed.json()).cases, [caseId]);
    deepEqual(await svc.store.casesPendingRelease(), [{ caseId, fixSha: undefined }]);
    deepEqual((await send(svc, "issues", issueEvent("reopened", 1))).cases, [caseId]);
    await still("reopened");
    // The captured "closed" body replayed under a new delivery id: the same delivery.
    const replay = await webhook(svc, "issues", undefined, { body: closedBody });
    equal(replay.status, 200);
    equal((await replay.json()).duplicate, true);
    await still("a replayed body with a new delivery id");
    equal((await send(svc, "release", release("v1.3.0"))).cases.length, 0);
    await still("a release while nothing is pending");
  });
});

Deno.test("webhook: a merged PR naming the case, then a release confirmed by the compare API → resolved", async () => {
  await withService(async (svc, gh, clock) => {
    const { caseId } = await filedCase(svc, clock);
    const sha = "b".repeat(40);
    const merged = await send(
      svc,
      "pull_request",
      mergedPr(`Allow scoped cleanups (${caseId})`, "", OURS, sha),
    );
    deepEqual(merged.cases, [caseId]);
    const draft = await send(svc, "release", {
      action: "published",
      repository: OURS,
      release: { tag_name: "v2.0.0", draft: true, prerelease: false },
    });
    equal(draft.kind, "ignored");
    gh.state.tags.set("v1.4.0", new Set([sha]));
    await send(svc, "release", release("v1.4.0"));
    await svc.service.loop.drainNow();
    equal((await caseStatus(svc, caseId)).fixed_in, "1.4.0");
  });
});

Deno.test("webhook: every event name GitHub sends is accepted", async () => {
  await withService(async (svc) => {
    for (const event of ["projects_v2_item", "ping", "security_and_analysis", "merge_group"]) {
      const res = await webhook(svc, event, { action: "edited", repository: OURS, zen: event });
      equal(res.status, 200, event);
      equal((await res.json()).kind, "ignored");
    }
  });
});

Deno.test("regressions need evidence: a known release and two established installs", async () => {
  await withService(async (svc, _gh, clock) => {
    const { caseId, keys } = await filedCase(svc, clock);
    await send(svc, "issues", issueEvent("closed", 1));
    await send(svc, "release", release("v1.3.0"));
    equal((await caseStatus(svc, caseId)).status, "resolved");
    const report = async (key: InstallKey, version: string) =>
      await (await postReport(svc.url, key, sampleReport({ caro_version: version }), {
        nowMs: clock.now,
      })).json();

    // A brand-new key claiming a version nobody released.
    const fresh = await report(await generateInstallKey(), "999.0.0");
    deepEqual([fresh.status, fresh.fixed_in, fresh.message], [
      "resolved",
      "1.3.0",
      "fixed in 1.3.0",
    ]);
    clock.now += 2 * DAY; // the first three installs are established now
    const unknown = await report(keys[0], "999.0.0");
    equal(unknown.status, "resolved", "not a release the service saw");
    const one = await report(keys[0], "1.3.0");
    equal(one.status, "resolved", "one established install is not enough");
    const two = await report(keys[1], "1.3.0");
    deepEqual([two.status, two.message], ["regression", "reopened as a regression"]);
    ok((await caseStatus(svc, caseId)).fixed_in === undefined);
  });
});
