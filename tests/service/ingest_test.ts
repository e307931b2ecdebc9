/**
 * POST /v1/reports against the real service (port 0, temp SQLite file).
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { deepEqual, equal, match, notEqual, ok } from "node:assert/strict";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";

Deno.test("a valid report → 201 with a case id; the same report again → 200, the same case; from another install → 409", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    const report = sampleReport();
    const first = await postReport(svc.url, key, report);
    equal(first.status, 201);
    const body = await first.json();
    match(body.case_id, /^CARO-\d{4}-001$/);
    equal(body.report_id, report.id);
    equal(body.status, "open");
    equal(body.track_url, `${svc.url}/cases/${body.case_id}`);
    const again = await postReport(svc.url, key, report);
    equal(again.status, 200);
    deepEqual(await again.json(), body);
    const stolen = await postReport(svc.url, await generateInstallKey(), report);
    equal(stolen.status, 409);
    equal((await stolen.json()).error.code, "report_id_taken");
    deepEqual(await svc.store.caseCounts(), [{ id: body.case_id, reports: 1, installs: 1 }]);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("100 concurrent distinct reports of one problem → one case with 100 reports", async () => {
  const svc = await startTestService();
  try {
    const keys = await Promise.all(Array.from({ length: 100 }, () => generateInstallKey()));
    const answers = await Promise.all(
      keys.map(async (key) => {
        const res = await postReport(svc.url, key, sampleReport());
        equal(res.status, 201);
        return (await res.json()).case_id as string;
      }),
    );
    equal(new Set(answers).size, 1);
    deepEqual(await svc.store.caseCounts(), [{ id: answers[0], reports: 100, installs: 100 }]);
    const other = await postReport(
      svc.url,
      keys[0],
      sampleReport({ caro_version: "1.2.1", request: { intent_category: "search" } }),
    );
    notEqual((await other.json()).case_id, answers[0]);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("rejections: bad signature 401, stale signature 401, oversize 413, beyond consent 422, schema 400 naming the field", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    const other = await generateInstallKey();
    const report = sampleReport();
    const bytes = new TextEncoder().encode(JSON.stringify(report));
    const good = await postReport(svc.url, key, bytes);
    await good.body?.cancel();
    // Signed by one key, claimed by another.
    const { signRequest } = await import("../../src/protocol/signed_request.ts");
    const forged = await signRequest(other, {
      method: "POST",
      pathAndQuery: "/v1/reports",
      body: bytes,
    }, Date.now());
    const wrong = await postReport(svc.url, key, sampleReport(), {
      headers: { "x-caro-signature": forged["x-caro-signature"] },
    });
    equal(wrong.status, 401);
    equal((await wrong.json()).error.retry, false);

    const stale = await postReport(svc.url, key, sampleReport(), {
      nowMs: Date.now() - 6 * 60_000,
    });
    equal(stale.status, 401);
    equal((await stale.json()).error.code, "signature_skew");

    const huge = sampleReport();
    const padded = new TextEncoder().encode(JSON.stringify(huge) + " ".repeat(64 * 1024));
    const big = await postReport(svc.url, key, padded);
    equal(big.status, 413);
    equal((await big.json()).error.retry, false);

    const beyond = await postReport(svc.url, key, sampleReport({ consent_level: "minimal" }));
    equal(beyond.status, 422);
    const beyondBody = await beyond.json();
    equal(beyondBody.error.code, "beyond_consent");
    ok(beyondBody.error.field);

    const unknownLevel = await postReport(svc.url, key, {
      ...sampleReport(),
      consent_level: "everything",
    });
    equal(unknownLevel.status, 422);
    await unknownLevel.body?.cancel();

    const badType = await postReport(svc.url, key, { ...sampleReport(), caro_version: 12 });
    equal(badType.status, 400);
    equal((await badType.json()).error.field, "caro_version");

    const extra = await postReport(svc.url, key, {
      ...sampleReport(),
      request: { ...sampleReport().request, secret: "x" },
    });
    equal(extra.status, 400);
    equal((await extra.json()).error.field, "request.secret");
    deepEqual((await svc.store.caseCounts()).map((c) => c.reports), [1]);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
