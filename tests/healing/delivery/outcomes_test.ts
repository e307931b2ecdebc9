/**
 * What `caro report` does with each kind of answer, as a real process: a
 * retryable or configuration problem (404, 405, DNS, TLS, refused) keeps the
 * report queued with the reason; only the service's explicit "never"
 * (400/413/422 with its error body) drops it, and the service's own message
 * is shown.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { readDropped } from "../../../src/healing/queue/dropped_log.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { REPORT_ARGS } from "./caro_process.ts";
import { deadPort, startService } from "./fixtures.ts";

function answeringReports(status: number, body: unknown) {
  return startService((_n, seen) =>
    seen.path === "/v1/reports"
      ? Response.json(body, { status })
      : new Response("", { status: 404 })
  );
}

const KEPT: [string, () => { url: string; close: () => Promise<void> }, RegExp][] = [
  [
    "404 (a wrong endpoint)",
    () => answeringReports(404, { error: { message: "no such route" } }),
    /the healing endpoint answered HTTP 404: no such route: check the endpoint setting/,
  ],
  [
    "405",
    () => answeringReports(405, "nope"),
    /the healing endpoint answered HTTP 405: check the endpoint setting/,
  ],
  [
    "400 without the service's error body (a proxy, not the service)",
    () => answeringReports(400, "<html>bad request</html>"),
    /answered HTTP 400: check the endpoint setting/,
  ],
  [
    "DNS",
    () => ({ url: "https://caro-heal.invalid", close: () => Promise.resolve() }),
    /cannot reach caro-heal\.invalid(:443)?: /,
  ],
  [
    "refused",
    () => {
      const port = deadPort();
      return { url: `http://127.0.0.1:${port}`, close: () => Promise.resolve() };
    },
    /cannot reach 127\.0\.0\.1:\d+: connection refused/,
  ],
  [
    "TLS (https to a plain-HTTP server)",
    () => {
      const service = answeringReports(500, {});
      return { url: service.url.replace("http:", "https:"), close: service.close };
    },
    /cannot reach 127\.0\.0\.1:\d+: /,
  ],
];

for (const [name, start, reason] of KEPT) {
  Deno.test(`${name}: the report stays queued with the reason`, async () => {
    const home = await Deno.makeTempDir();
    const service = start();
    try {
      const run = await runCaro(REPORT_ARGS, {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      equal(run.code, 0, run.stderr);
      const [entry] = (await scanQueue(join(home, "data"), Date.now())).entries;
      match(entry.lastError ?? "", reason);
      equal(run.stdout, `queued ${entry.reportId} (${entry.lastError}; will retry)\n`);
      deepEqual(await readDropped(join(home, "data")), []);
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}

for (const status of [400, 413, 422]) {
  Deno.test(`${status} with the service's error body: dropped, the service's message shown`, async () => {
    const home = await Deno.makeTempDir();
    const message = `field failure.stage is not allowed at this consent level (${status})`;
    const service = answeringReports(status, { error: { code: "invalid", message } });
    try {
      const run = await runCaro(REPORT_ARGS, {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      equal(run.code, 1);
      const reason = `refused by the service (HTTP ${status}): ${message}`;
      match(run.stdout, new RegExp(`^rejected \\S+ \\(${RegExp.escape(reason)}\\)\\n$`));
      equal(run.stderr, `error: the healing service refused the report: ${reason}\n`);
      equal((await scanQueue(join(home, "data"), Date.now())).entries.length, 0);
      deepEqual((await readDropped(join(home, "data"))).map((d) => d.reason), [reason]);
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}
