/**
 * Known-problem lookup, public case JSON, erasure, quarantine and metrics
 * over HTTP.
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { equal, match, ok } from "node:assert/strict";
import { reportSignature } from "../../src/protocol/report/signature.ts";
import {
  postReport,
  sampleReport,
  signedEmpty,
  startTestService,
} from "../_support/service_harness.ts";

Deno.test("known lookup by the client's signature key, case JSON, erase by the sending key", async () => {
  // k = 1: one install makes a case public (k itself: tests/service/key_abuse_test.ts).
  const svc = await startTestService({ env: { CARO_PUBLIC_K: "1" } });
  try {
    const key = await generateInstallKey();
    const report = sampleReport({ contact: { method: "email", value: "me@example.org" } });
    const { key: signatureKey } = await reportSignature(report);
    equal((await fetch(`${svc.url}/v1/known/${signatureKey}`)).status, 404);
    const { case_id } = await (await postReport(svc.url, key, report)).json();
    const known = await (await fetch(`${svc.url}/v1/known/${signatureKey}`)).json();
    equal(known.case_id, case_id);
    equal(known.track_url, `${svc.url}/cases/${case_id}`);
    equal((await (await fetch(`${svc.url}/v1/known/not-a-key`)).json()).error.code, "not_found");

    const json = await (await fetch(`${svc.url}/v1/cases/${case_id}`)).json();
    equal(json.id, case_id);
    equal(json.category, "rule_gap");
    ok(json.confidence > 70);
    equal(json.report_count, 1);
    equal(JSON.stringify(json).includes("me@example.org"), false);
    equal((await fetch(`${svc.url}/v1/cases/CARO-2026-999`)).status, 404);

    const other = await generateInstallKey();
    equal((await signedEmpty(svc.url, other, "DELETE", `/v1/reports/${report.id}`)).status, 403);
    const erased = await signedEmpty(svc.url, key, "DELETE", `/v1/reports/${report.id}`);
    equal(erased.status, 204);
    equal(await svc.store.findReport(report.id), undefined);
    equal(await svc.store.contactFor(report.id), undefined);
    equal((await signedEmpty(svc.url, key, "DELETE", `/v1/reports/${report.id}`)).status, 404);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("an unsanitized secret is quarantined: answered, never published or known", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    const report = sampleReport({
      consent_level: "full",
      request: {
        intent_category: "network",
        text: "curl with token=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      },
    });
    const res = await postReport(svc.url, key, report);
    equal(res.status, 201);
    const body = await res.json();
    equal(body.status, "quarantined");
    const { key: signatureKey } = await reportSignature(report);
    equal((await fetch(`${svc.url}/v1/known/${signatureKey}`)).status, 404);
    const page = await fetch(`${svc.url}/cases/${body.case_id}.json`);
    equal(page.status, 404);
    await page.body?.cancel();
    equal(
      (await (await fetch(`${svc.url}/v1/cases/${body.case_id}`)).json()).status,
      "quarantined",
    );
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("/metrics counts outcomes in Prometheus text; /healthz is ok", async () => {
  const svc = await startTestService();
  try {
    const key = await generateInstallKey();
    await (await postReport(svc.url, key, sampleReport())).body?.cancel();
    await (await postReport(svc.url, key, new TextEncoder().encode("{"))).body?.cancel();
    const res = await fetch(`${svc.url}/metrics`);
    match(res.headers.get("content-type") ?? "", /^text\/plain/);
    const text = await res.text();
    match(text, /^caro_reports_total\{outcome="created"\} 1$/m);
    match(text, /^caro_reports_total\{outcome="rejected"\} 1$/m);
    match(text, /^caro_cases\{status="open"\} 1$/m);
    equal((await fetch(`${svc.url}/healthz`)).status, 200);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
