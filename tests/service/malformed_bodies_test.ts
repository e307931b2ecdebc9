/**
 * 10,000 generated malformed report bodies (random JSON, wrong types, deep
 * nesting, huge strings, invalid UTF-8, truncations), correctly signed so
 * they reach the parser: every answer is a 4xx, never a 5xx, no case is
 * opened, and the service is still healthy afterwards.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { generateInstallKey, type InstallKey } from "../../src/protocol/signed_request.ts";
import { seededRandom } from "../../tools/chaos/seeded_random.ts";
import { postReport, sampleReport, startTestService } from "../_support/service_harness.ts";

const TOTAL = 10_000;
const CONCURRENCY = 16;

const encoder = new TextEncoder();

function generator(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const randomString = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(32 + int(0x2fff))).join("");
  const randomValue = (depth: number): unknown => {
    switch (depth > 3 ? int(4) : int(7)) {
      case 0:
        return random() * 1e6 - 5e5;
      case 1:
        return randomString(int(20));
      case 2:
        return pick([true, false, null]);
      case 3:
        return int(1e9);
      case 4:
        return Array.from({ length: int(5) }, () => randomValue(depth + 1));
      default:
        return Object.fromEntries(
          Array.from({ length: int(5) }, () => [randomString(int(8)), randomValue(depth + 1)]),
        );
    }
  };
  /** A value of a different JSON type than `v`. */
  const wrongType = (v: unknown): unknown => {
    const options: unknown[] = [42, "text", true, null, [1, 2], { nested: {} }, -1.5];
    const type = (x: unknown) => Array.isArray(x) ? "array" : x === null ? "null" : typeof x;
    return pick(options.filter((o) => type(o) !== type(v)));
  };
  const mutateType = (): unknown => {
    const report = sampleReport() as unknown as Record<string, Record<string, unknown>>;
    const top = pick(Object.keys(report));
    const value = report[top];
    if (typeof value === "object" && value !== null && !Array.isArray(value) && random() < 0.7) {
      const inner = pick(Object.keys(value));
      value[inner] = wrongType(value[inner]);
    } else {
      (report as Record<string, unknown>)[top] = wrongType(value);
    }
    return report;
  };
  const kinds: (() => Uint8Array)[] = [
    () => encoder.encode(JSON.stringify(randomValue(0))),
    () => encoder.encode(JSON.stringify(mutateType())),
    () => {
      const depth = 1 + int(30_000);
      return encoder.encode(
        random() < 0.5
          ? "[".repeat(depth) + "]".repeat(depth)
          : '{"a":'.repeat(Math.min(depth, 12_000)) + "1" + "}".repeat(Math.min(depth, 12_000)),
      );
    },
    () => {
      const report = sampleReport() as unknown as Record<string, Record<string, unknown>>;
      const huge = "x".repeat(1_000 + int(70_000));
      if (random() < 0.5) report.request.shape = huge;
      else report.caro_version = huge as never;
      return encoder.encode(JSON.stringify(report));
    },
    () => {
      const bytes = encoder.encode(JSON.stringify(sampleReport()));
      const at = 20 + int(bytes.length - 40);
      bytes[at] = pick([0xff, 0xfe, 0xc0, 0x80, 0xed]);
      return bytes;
    },
    () => Uint8Array.from({ length: int(2_000) }, () => int(256)),
    () => {
      const text = JSON.stringify(sampleReport());
      return encoder.encode(text.slice(0, int(text.length - 1)));
    },
    () => {
      const report = sampleReport() as unknown as Record<string, unknown>;
      report[randomString(1 + int(10))] = randomValue(1);
      return encoder.encode(JSON.stringify(report));
    },
  ];
  return () => pick(kinds)();
}

Deno.test("10,000 malformed bodies: all 4xx, no 5xx, no case, still healthy", async () => {
  const svc = await startTestService();
  try {
    const keys: InstallKey[] = await Promise.all(
      Array.from({ length: 8 }, () => generateInstallKey()),
    );
    const next = generator(seededRandom(20261130).next);
    const statuses = new Map<number, number>();
    let sent = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (sent < TOTAL) {
        sent++;
        const body = next();
        const res = await postReport(svc.url, keys[worker % keys.length], body);
        await res.body?.cancel();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }));
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    equal(total, TOTAL);
    for (const status of statuses.keys()) {
      ok(status >= 400 && status < 500, `status ${status} (${JSON.stringify([...statuses])})`);
    }
    ok(statuses.has(400) && statuses.has(413), JSON.stringify([...statuses]));
    deepEqual(await svc.store.caseCounts(), []);
    const health = await fetch(`${svc.url}/healthz`);
    equal(health.status, 200);
    deepEqual(await health.json(), { status: "ok" });
    const valid = await postReport(svc.url, keys[0], sampleReport());
    equal(valid.status, 201);
    await valid.body?.cancel();
  } finally {
    await svc.stop();
    await svc.remove();
  }
});
