/**
 * Install keys under abuse: minting keys leaves nothing behind when the
 * reports are refused, and a key's age counts from its first admitted
 * report; one key has one spelling (base64url variants are refused, so one
 * key is one install); small-order and non-canonical Ed25519 keys are
 * refused (with them one constant signature would verify for any body);
 * `/v1/known/{key}` says no more than the case pages (not known below k
 * installs).
 */
import { equal } from "node:assert/strict";
import {
  generateInstallKey,
  type InstallKey,
  signRequest,
  toBase64Url,
} from "../../src/protocol/signed_request.ts";
import { reportSignature } from "../../src/protocol/report/signature.ts";
import {
  OPEN_LIMITS,
  postReport,
  sampleReport,
  startTestService,
} from "../_support/service_harness.ts";

const HOUR = 3_600_000;

Deno.test("refused keys leave no install row; a key's age counts from its first admitted report", async () => {
  let clock = Date.UTC(2026, 11, 1, 10);
  const svc = await startTestService({
    limits: { ...OPEN_LIMITS, sourceYoungInstallsPerHour: 2 },
    now: () => clock,
  });
  try {
    const keys = await Promise.all([0, 1, 2, 3].map(() => generateInstallKey()));
    const statuses: number[] = [];
    for (const key of keys) {
      const res = await postReport(svc.url, key, sampleReport(), { nowMs: clock });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    equal(statuses.join(), "201,201,429,429");
    // A refused key was never recorded: its first sighting is whenever it is first admitted.
    const refused = toBase64Url(keys[2].publicKeyRaw);
    clock += 25 * HOUR;
    const next = await postReport(svc.url, keys[2], sampleReport(), { nowMs: clock });
    equal(next.status, 201);
    await next.body?.cancel();
    equal(
      await svc.store.touchInstall(refused, clock + HOUR),
      clock,
      "young from day 1, not day 0",
    );
    const admitted = toBase64Url(keys[0].publicKeyRaw);
    equal(await svc.store.touchInstall(admitted, clock), clock - 25 * HOUR);
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

/** Signs a report with `key` but sends `spelling` as the key header. */
async function postSpelled(url: string, key: InstallKey, spelling: string) {
  const report = sampleReport();
  const body = new TextEncoder().encode(JSON.stringify(report));
  const signed = await signRequest(
    key,
    { method: "POST", pathAndQuery: "/v1/reports", body },
    Date.now(),
  );
  const headers = { ...signed, "content-type": "application/json" } as Record<string, string>;
  const name = Object.keys(headers).find((h) => h.toLowerCase() === "x-caro-key")!;
  headers[name] = spelling;
  return await fetch(`${url}/v1/reports`, { method: "POST", headers, body });
}

Deno.test("one key, one spelling: base64url variants of a key are refused (one key, one install)", async () => {
  const svc = await startTestService({ limits: OPEN_LIMITS });
  try {
    const key = await generateInstallKey();
    const canonical = toBase64Url(key.publicKeyRaw);
    const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(
      canonical[42],
    );
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last character carries 4 bits and 2 unused ones: three other spellings, same bytes.
    const variants = [1, 2, 3].map((low) => canonical.slice(0, 42) + alphabet[last + low]);
    variants.push(canonical + "=");
    for (const spelling of variants) {
      const res = await postSpelled(svc.url, key, spelling);
      equal(res.status, 401, spelling);
      equal((await res.json()).error.code, "signature_malformed");
    }
    const res = await postSpelled(svc.url, key, canonical);
    equal(res.status, 201);
    await res.body?.cancel();
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("small-order and non-canonical Ed25519 keys are refused, with any signature", async () => {
  const svc = await startTestService({ limits: OPEN_LIMITS });
  try {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const aboveP = new Uint8Array(32).fill(0xff);
    aboveP[0] = 0xee; // p + 1, which is 1 again
    aboveP[31] = 0x7f;
    const order8 = Uint8Array.from(
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a".match(/../g)!,
      (h) => parseInt(h, 16),
    );
    // R = the identity, S = 0: verifies for every message under the identity key.
    const constant = new Uint8Array(64);
    constant[0] = 1;
    for (const raw of [identity, aboveP, order8]) {
      const body = new TextEncoder().encode(JSON.stringify(sampleReport()));
      const res = await fetch(`${svc.url}/v1/reports`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-caro-key": toBase64Url(raw),
          "x-caro-timestamp": String(Math.floor(Date.now() / 1000)),
          "x-caro-signature": toBase64Url(constant),
        },
        body,
      });
      equal(res.status, 401);
      equal((await res.json()).error.code, "signature_malformed");
    }
  } finally {
    await svc.stop();
    await svc.remove();
  }
});

Deno.test("/v1/known says no more than the case page: not known below k = 5 installs", async () => {
  const svc = await startTestService({ limits: OPEN_LIMITS });
  try {
    const report = () =>
      sampleReport({
        request: { intent_category: "file_management", shape: "shred the quarterly ledgers" },
      });
    const { key } = await reportSignature(report());
    for (let i = 1; i <= 5; i++) {
      const res = await postReport(svc.url, await generateInstallKey(), report());
      equal(res.status, 201);
      await res.body?.cancel();
      const known = await fetch(`${svc.url}/v1/known/${key}`);
      equal(known.status, i < 5 ? 404 : 200, `after ${i} installs`);
      await known.body?.cancel();
    }
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
