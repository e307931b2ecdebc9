/**
 * Races the chaos run can only hit by luck, forced against the real service
 * (port 0, temp SQLite file): one report sent many times at once (a client
 * retrying after a lost answer while the first try is still in flight), and
 * many installs reporting one new failure at once. Nothing twice, one case,
 * never a 5xx.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { trimToConsent } from "../../src/protocol/report/consent_fields.ts";
import type { WireReport } from "../../src/protocol/report/schema.ts";
import {
  generateInstallKey,
  type InstallKey,
  signRequest,
} from "../../src/protocol/signed_request.ts";
import { readStoredReports } from "../../tools/chaos/read_service_db.ts";
import {
  serviceIsPresent,
  type ServiceProcess,
  startService,
  UNLIMITED_QUOTAS,
} from "../../tools/service_process.ts";

function report(errorCode: string): WireReport {
  return trimToConsent({
    schema_version: 1,
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    consent_level: "minimal",
    caro_version: "1.4.0",
    platform: { os: "linux", arch: "x86_64" },
    request: { intent_category: "search" },
    failure: {
      failure_type: "generation",
      stage: "inference",
      error_code: errorCode,
      safety_patterns_triggered: [],
    },
  }, "minimal");
}

async function post(service: ServiceProcess, key: InstallKey, body: Uint8Array, id: string) {
  const headers = await signRequest(key, {
    method: "POST",
    pathAndQuery: "/v1/reports",
    body,
  }, Date.now());
  const response = await fetch(`${service.url}/v1/reports`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", "idempotency-key": id },
    body: body as BodyInit,
  });
  return { status: response.status, body: await response.json() };
}

async function withService(body: (service: ServiceProcess, db: string) => Promise<void>) {
  if (!(await serviceIsPresent())) {
    Deno.stderr.writeSync(
      new TextEncoder().encode("SKIPPED: the service (src/service/main.ts) is not here yet\n"),
    );
    return;
  }
  const dir = await Deno.makeTempDir({ prefix: "caro-race-" });
  const db = join(dir, "healing.db");
  const service = await startService({
    db,
    logFile: join(dir, "service.log"),
    env: { ...UNLIMITED_QUOTAS },
  });
  try {
    await body(service, db);
  } finally {
    await service.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("one report sent 20 times at once: stored once, every answer names the same case", () =>
  withService(async (service, db) => {
    const key = await generateInstallKey();
    const sent = report("RACE_SAME_ID");
    const bytes = new TextEncoder().encode(JSON.stringify(sent));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(service, key, bytes, sent.id)),
    );
    deepEqual(answers.filter((a) => a.status >= 300), []);
    equal(answers.filter((a) => a.status === 201).length, 1);
    equal(new Set(answers.map((a) => a.body.case_id)).size, 1);
    await service.stop();
    deepEqual(readStoredReports(db).map((r) => r.id), [sent.id]);
  }));

Deno.test("30 installs report one new failure at once: 30 reports, one case", () =>
  withService(async (service, db) => {
    const sends = await Promise.all(Array.from({ length: 30 }, async () => {
      const sent = report("RACE_ONE_FAILURE");
      const bytes = new TextEncoder().encode(JSON.stringify(sent));
      return await post(service, await generateInstallKey(), bytes, sent.id);
    }));
    deepEqual(sends.filter((a) => a.status !== 201), []);
    equal(new Set(sends.map((a) => a.body.case_id)).size, 1);
    await service.stop();
    const stored = readStoredReports(db);
    equal(stored.length, 30);
    equal(new Set(stored.map((r) => r.caseId)).size, 1);
  }));

Deno.test("a report id sent again with other bytes is not stored twice", () =>
  withService(async (service, db) => {
    const key = await generateInstallKey();
    const first = report("RACE_REUSED_ID");
    const second = { ...report("RACE_OTHER"), id: first.id };
    const answers = await Promise.all(
      [first, second, first, second].map((r) =>
        post(service, key, new TextEncoder().encode(JSON.stringify(r)), r.id)
      ),
    );
    ok(answers.every((a) => a.status < 500), JSON.stringify(answers));
    await service.stop();
    equal(readStoredReports(db).length, 1);
  }));
