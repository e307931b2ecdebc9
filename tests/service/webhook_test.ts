/**
 * The GitHub webhook against the real service: wrong signature → 401 and no
 * change; issue closed as completed + release published → case resolved and
 * one notification per reporting install; the same delivery twice → one
 * change; a later report from a version ≥ fixed-in reopens the case, an older
 * one is told to upgrade.
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { deepEqual, equal } from "node:assert/strict";
import {
  postReport,
  sampleReport,
  signedEmpty,
  startTestService,
  type TestService,
} from "../_support/service_harness.ts";

const SECRET = "webhook-secret-for-tests";

async function hubSignature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body));
  return "sha256=" +
    Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function webhook(
  svc: TestService,
  event: string,
  payload: unknown,
  options: { delivery?: string; secret?: string } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
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

function issueClosed(caseId: string) {
  return {
    action: "closed",
    issue: {
      number: 12,
      state: "closed",
      state_reason: "completed",
      body: `<!-- caro-case: ${caseId} -->\nSafety rule blocks …`,
    },
  };
}

const release = (tag: string) => ({
  action: "published",
  release: { tag_name: tag, draft: false, prerelease: false },
});

async function caseStatus(svc: TestService, caseId: string) {
  return await (await fetch(`${svc.url}/v1/cases/${caseId}`)).json();
}

Deno.test("webhook: wrong signature → 401, nothing changes", async () => {
  const svc = await startTestService({ env: { CARO_GITHUB_WEBHOOK_SECRET: SECRET } });
  try {
    const key = await generateInstallKey();
    const { case_id } = await (await postReport(svc.url, key, sampleReport())).json();
    const bad = await webhook(svc, "issues", issueClosed(case_id), { secret: "not-the-secret" });
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
    equal((await caseStatus(svc, case_id)).status, "open");
    deepEqual(await svc.store.casesPendingRelease(), []);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("webhook: issue completed + release → resolved, one notice per install; redelivery changes nothing", async () => {
  const svc = await startTestService({ env: { CARO_WEBHOOK_SECRET: SECRET } });
  try {
    const keys = await Promise.all([
      generateInstallKey(),
      generateInstallKey(),
      generateInstallKey(),
    ]);
    let caseId = "";
    for (const key of keys) {
      caseId = (await (await postReport(svc.url, key, sampleReport())).json()).case_id;
    }
    await (await postReport(svc.url, keys[0], sampleReport())).body?.cancel(); // a 2nd report, same install

    const closed = await webhook(svc, "issues", issueClosed(caseId));
    equal(closed.status, 200);
    deepEqual((await closed.json()).cases, [caseId]);
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
      const res = await signedEmpty(svc.url, key, "GET", "/v1/notifications?since=0");
      equal(res.status, 200);
      const body = await res.json();
      for (const n of body.notifications) {
        equal(n.case_id, caseId);
        equal(n.status, "resolved");
        equal(n.fixed_in, "1.3.0");
      }
      return body.notifications.length;
    }));
    deepEqual(counts, [2, 1, 1], "one notification per report");

    // The cursor moves on.
    const page = await (await signedEmpty(svc.url, keys[1], "GET", "/v1/notifications?since=0"))
      .json();
    const next = await signedEmpty(
      svc.url,
      keys[1],
      "GET",
      `/v1/notifications?since=${page.cursor}`,
    );
    deepEqual((await next.json()).notifications, []);
    const unsigned = await fetch(`${svc.url}/v1/notifications?since=0`);
    equal(unsigned.status, 401);
    await unsigned.body?.cancel();

    // Older version: told to upgrade, case stays resolved.
    const old = await postReport(svc.url, keys[1], sampleReport({ caro_version: "1.2.5" }));
    const oldBody = await old.json();
    equal(oldBody.status, "resolved");
    equal(oldBody.fixed_in, "1.3.0");
    equal(oldBody.message, "fixed in 1.3.0, upgrade");

    // Same or newer version: a regression.
    const newer = await postReport(svc.url, keys[2], sampleReport({ caro_version: "1.3.0" }));
    const newerBody = await newer.json();
    equal(newer.status, 201);
    equal(newerBody.case_id, caseId);
    equal(newerBody.status, "regression");
    equal((await caseStatus(svc, caseId)).status, "regression");
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("webhook: merged PR naming the case, then a release → resolved", async () => {
  const svc = await startTestService({ env: { CARO_GITHUB_WEBHOOK_SECRET: SECRET } });
  try {
    const key = await generateInstallKey();
    const { case_id } = await (await postReport(svc.url, key, sampleReport())).json();
    const merged = await webhook(svc, "pull_request", {
      action: "closed",
      pull_request: {
        merged: true,
        merge_commit_sha: "a".repeat(40),
        title: `Allow scoped cleanups (${case_id})`,
        body: "",
        head: { ref: "fix/cleanup" },
      },
    });
    deepEqual((await merged.json()).cases, [case_id]);
    const draft = await webhook(svc, "release", {
      action: "published",
      release: { tag_name: "v2.0.0", draft: true, prerelease: false },
    });
    equal((await draft.json()).kind, "ignored");
    await (await webhook(svc, "release", release("v1.4.0"))).body?.cancel();
    equal((await caseStatus(svc, case_id)).fixed_in, "1.4.0");
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
