/**
 * Every way the service can fail ends with the report queued (never lost),
 * and a later flush delivers it exactly once. Waits run on a fake clock;
 * only the black hole's per-try timeout is real (shortened to 200 ms).
 */
import { generateInstallKey } from "../../../src/protocol/signed_request.ts";
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { deliverReport } from "../../../src/healing/submit/deliver.ts";
import { FOREGROUND_RETRY_POLICY } from "../../../src/healing/submit/send_with_retries.ts";
import { flushQueue } from "../../../src/healing/queue/flush_queue.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { activeRateLimit } from "../../../src/healing/queue/rate_limit.ts";
import { readCaseRecords } from "../../../src/healing/cases/case_records.ts";
import {
  acceptReport,
  blackHole,
  deadPort,
  errorReply,
  fakeTime,
  reportBody,
  startService,
} from "./fixtures.ts";

interface Fault {
  name: string;
  /** Starts the failing endpoint; returns its URL and a stop function. */
  start: () => { url: string; stop: () => Promise<void>; requests: () => number };
  reason: RegExp;
  /** Expected Retry-After → rate limit recorded. */
  rateLimited?: boolean;
}

function failingService(reply: () => Response) {
  const service = startService(reply);
  return { url: service.url, stop: service.close, requests: () => service.seen.length };
}

/** A TCP server that accepts and at once closes (a reset mid-request). */
function resettingServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let count = 0;
  const loop = (async () => {
    for await (const conn of listener) {
      count++;
      conn.close();
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    requests: () => count,
    stop: async () => {
      listener.close();
      await loop;
    },
  };
}

const FAULTS: Fault[] = [
  {
    name: "500 on every try",
    start: () => failingService(() => errorReply(500)),
    reason: /service error \(HTTP 500\)/,
  },
  {
    name: "503 with Retry-After past the budget",
    start: () => failingService(() => errorReply(503, { "retry-after": "120" })),
    reason: /service unavailable \(HTTP 503\)/,
    rateLimited: true,
  },
  {
    name: "429 with Retry-After",
    start: () => failingService(() => errorReply(429, { "retry-after": "25" })),
    reason: /rate limited \(HTTP 429\)/,
    rateLimited: true,
  },
  {
    name: "connection reset",
    start: resettingServer,
    reason: /cannot reach 127\.0\.0\.1:\d+: connection (reset|closed before an answer)/,
  },
  {
    name: "never answers",
    start: blackHole,
    reason: /no answer from 127\.0\.0\.1:\d+ within 1 s/,
  },
  {
    name: "down",
    start: () => {
      const port = deadPort();
      return { url: `http://127.0.0.1:${port}`, stop: () => Promise.resolve(), requests: () => 0 };
    },
    reason: /cannot reach 127\.0\.0\.1:\d+: connection refused/,
  },
];

for (const fault of FAULTS) {
  Deno.test(`${fault.name}: queued, then flushed exactly once`, async () => {
    const dataDir = await Deno.makeTempDir();
    const installKey = await generateInstallKey();
    const time = fakeTime();
    const failing = fault.start();
    const good = startService((_n, seen, s) => acceptReport(seen, s));
    try {
      const body = reportBody("r_fault");
      const outcome = await deliverReport({
        body,
        reportId: "r_fault",
        endpoint: failing.url,
        dataDir,
        installKey,
        now: time.now,
        sleep: time.sleep,
        random: () => 0.5,
        policy: { ...FOREGROUND_RETRY_POLICY, perTryTimeoutMs: 200 },
      });
      ok(outcome.status === "queued", JSON.stringify(outcome));
      match(outcome.reason, fault.reason);
      ok(time.now() - fakeTime().now() <= 3_000, "the 3 s foreground budget holds");
      const [entry] = (await scanQueue(dataDir, time.now())).entries;
      deepEqual(entry.body, body);
      ok(entry.attempts >= 1);
      equal((await activeRateLimit(dataDir, time.now())) !== undefined, !!fault.rateLimited);

      time.clock.tick(24 * 60 * 60 * 1000); // a later run, after the rate limit
      for (let run = 0; run < 2; run++) {
        await flushQueue({
          dataDir,
          endpoint: good.url,
          installKey,
          now: time.now,
          dueOnly: true,
          budgetMs: 5_000,
        });
      }
      deepEqual([...good.accepted.entries()], [["r_fault", 1]]);
      deepEqual(good.seen[0].body, body);
      equal((await scanQueue(dataDir, time.now())).entries.length, 0);
      equal((await readCaseRecords(dataDir))[0].reportId, "r_fault");
    } finally {
      await failing.stop();
      await good.close();
      await Deno.remove(dataDir, { recursive: true });
    }
  });
}

Deno.test("while rate-limited, a start-up flush sends nothing; the limit shows the reason", async () => {
  const dataDir = await Deno.makeTempDir();
  const installKey = await generateInstallKey();
  const time = fakeTime();
  const limited = startService(() => errorReply(429, { "retry-after": "600" }));
  try {
    const outcome = await deliverReport({
      body: reportBody("r_a"),
      reportId: "r_a",
      endpoint: limited.url,
      dataDir,
      installKey,
      now: time.now,
      sleep: time.sleep,
    });
    equal(outcome.status, "queued");
    equal(limited.seen.length, 1);
    // A second report while limited is queued without a request.
    const second = await deliverReport({
      body: reportBody("r_b"),
      reportId: "r_b",
      endpoint: limited.url,
      dataDir,
      installKey,
      now: time.now,
      sleep: time.sleep,
    });
    ok(second.status === "queued");
    match(second.reason, /rate limited \(HTTP 429\).*not sending before/);
    const flushed = await flushQueue({
      dataDir,
      endpoint: limited.url,
      installKey,
      now: time.now,
      dueOnly: false,
      budgetMs: 5_000,
    });
    deepEqual(flushed.lines.map((l) => l.result), ["kept", "kept"]);
    equal(limited.seen.length, 1);
  } finally {
    await limited.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a host outside --allow-net is queued with a clear reason", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        `--allow-read=${dataDir},${Deno.cwd()}`,
        `--allow-write=${dataDir}`,
        "--allow-net=127.0.0.1:1",
        "--allow-env",
        new URL("./deliver_process.ts", import.meta.url).pathname,
        dataDir,
        "https://heal.caro.example",
      ],
      stdout: "piped",
      stderr: "piped",
    });
    const out = await child.output();
    const text = new TextDecoder().decode(out.stdout);
    equal(out.code, 0, new TextDecoder().decode(out.stderr));
    deepEqual(JSON.parse(text), {
      status: "queued",
      reason:
        "this caro may not connect to heal.caro.example (not in its --allow-net list); will retry",
    });
    equal((await scanQueue(dataDir, Date.now())).entries.length, 1);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
