/**
 * Quotas over HTTP: a young install key hits its lower limit → 429 with
 * Retry-After and a retry hint; minting keys from one source is capped by
 * distinct young installs; the global limit answers 503.
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { equal, ok } from "node:assert/strict";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";

Deno.test("quotas: young key limit → 429 + Retry-After; distinct young installs per source; global → 503", async () => {
  const svc = await startTestService({
    limits: { youngInstallPerHour: 2, sourceYoungInstallsPerHour: 3 },
  });
  try {
    const key = await generateInstallKey();
    for (let i = 0; i < 2; i++) {
      equal((await postReport(svc.url, key, sampleReport())).status, 201);
    }
    const limited = await postReport(svc.url, key, sampleReport());
    equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    ok(retryAfter >= 1 && retryAfter <= 3600);
    const body = await limited.json();
    equal(body.error.retry, true);
    equal(body.error.retry_after_s, retryAfter);
    equal(limited.headers.get("x-caro-rate-limits"), `${retryAfter}:report:install:quota`);

    // Two more fresh keys fit (3 distinct young installs); the fourth is refused.
    for (let i = 0; i < 2; i++) {
      const res = await postReport(svc.url, await generateInstallKey(), sampleReport());
      equal(res.status, 201);
      await res.body?.cancel();
    }
    const minted = await postReport(svc.url, await generateInstallKey(), sampleReport());
    equal(minted.status, 429);
    equal((await minted.json()).error.message.includes("source"), true);
  } finally {
    await svc.stop();
    await svc.remove();
  }

  const busy = await startTestService({ limits: { globalPerMinute: 1 } });
  try {
    const key = await generateInstallKey();
    await (await postReport(busy.url, key, sampleReport())).body?.cancel();
    const res = await postReport(busy.url, key, sampleReport());
    equal(res.status, 503);
    ok(Number(res.headers.get("retry-after")) >= 1);
    equal((await res.json()).error.code, "overloaded");
  } finally {
    await busy.stop();
    await busy.remove();
  }
});
