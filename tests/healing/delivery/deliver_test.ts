/**
 * deliverReport against a real HTTP server on 127.0.0.1: delivered once
 * with the exact bytes, signed and idempotent; every kind of failure ends
 * queued (never lost), and a later flush sends it exactly once.
 */
import { generateInstallKey } from "../../../src/protocol/signed_request.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import { deliverReport } from "../../../src/healing/submit/deliver.ts";
import { readCaseRecords } from "../../../src/healing/cases/case_records.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { readDropped } from "../../../src/healing/queue/dropped_log.ts";
import { acceptReport, errorReply, fakeTime, reportBody, startService } from "./fixtures.ts";

Deno.test("a report is delivered once, byte for byte, signed, with its id as idempotency key", async () => {
  const dataDir = await Deno.makeTempDir();
  const service = startService((_n, seen, s) => acceptReport(seen, s));
  try {
    const time = fakeTime();
    const body = reportBody("r_ok");
    const outcome = await deliverReport({
      body,
      reportId: "r_ok",
      endpoint: service.url,
      dataDir,
      installKey: await generateInstallKey(),
      now: time.now,
      sleep: time.sleep,
    });
    equal(outcome.status, "submitted");
    equal(service.seen.length, 1);
    const [seen] = service.seen;
    deepEqual([seen.method, seen.path, seen.idempotencyKey, seen.signatureOk], [
      "POST",
      "/v1/reports",
      "r_ok",
      true,
    ]);
    deepEqual(seen.body, body);
    const cases = await readCaseRecords(dataDir);
    deepEqual(cases.map((c) => [c.reportId, c.caseId]), [["r_ok", "CARO-2026-0001"]]);
    equal((await scanQueue(dataDir, time.now())).entries.length, 0);
  } finally {
    await service.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("500 then 201: retried once after a short jittered wait, delivered", async () => {
  const dataDir = await Deno.makeTempDir();
  const service = startService((n, seen, s) => n < 2 ? errorReply(500) : acceptReport(seen, s));
  try {
    const time = fakeTime();
    const outcome = await deliverReport({
      body: reportBody("r_500"),
      reportId: "r_500",
      endpoint: service.url,
      dataDir,
      installKey: await generateInstallKey(),
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
    });
    equal(outcome.status, "submitted");
    deepEqual(time.waits, [188]);
    equal(service.seen.length, 2);
    equal((await scanQueue(dataDir, time.now())).entries.length, 0);
  } finally {
    await service.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a 400 is not retried: reported, recorded as dropped, not queued", async () => {
  const dataDir = await Deno.makeTempDir();
  const service = startService(() => errorReply(400));
  try {
    const time = fakeTime();
    const outcome = await deliverReport({
      body: reportBody("r_400"),
      reportId: "r_400",
      endpoint: service.url,
      dataDir,
      installKey: await generateInstallKey(),
      now: time.now,
      sleep: time.sleep,
    });
    ok(outcome.status === "rejected");
    equal(outcome.reason, "refused by the service (HTTP 400): test says 400");
    equal(service.seen.length, 1);
    equal((await scanQueue(dataDir, time.now())).entries.length, 0);
    deepEqual((await readDropped(dataDir)).map((d) => d.reportId), ["r_400"]);
  } finally {
    await service.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
