/**
 * The service stays up under slow clients: 600 connections dribbling
 * unfinished heads or bodies against a service limited to 512 open files.
 * Health checks on fresh connections are answered all along (200, or a clean
 * 503 when every connection is busy: tests/service/http_server_test.ts),
 * the dribblers are dropped at their deadlines,
 * the service answers 200 afterwards, and SIGTERM after a flood exits 0
 * within the 10 s budget.
 */
import { equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { startService } from "../../tools/service_process.ts";

const SLOW = 600;
const encoder = new TextEncoder();

/** A client that sends part of a request and then a byte every 300 ms, never finishing. */
async function dribbler(port: number, i: number): Promise<{ dropped: Promise<void> }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const start = i % 2 === 0
    ? "POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
      "Content-Length: 60000\r\n\r\n{"
    : "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  const tick = setInterval(() => conn.write(encoder.encode("a")).catch(() => {}), 300);
  await conn.write(encoder.encode(start)).catch(() => {});
  const dropped = (async () => {
    const buf = new Uint8Array(1024);
    try {
      while ((await conn.read(buf)) !== null) { /* a 503 or nothing */ }
    } catch { /* reset */ }
    clearInterval(tick);
    try {
      conn.close();
    } catch { /* closed */ }
  })();
  return { dropped };
}

/** GET /healthz on a fresh connection; the status code, or 0 when there was no answer. */
async function health(port: number): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      encoder.encode("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    let text = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  } finally {
    conn.close();
  }
}

async function flood(port: number) {
  const clients = await Promise.all(Array.from({ length: SLOW }, (_, i) => dribbler(port, i)));
  return { dropped: Promise.all(clients.map((c) => c.dropped)) };
}

for (
  const [name, args] of [
    ["the default connection cap (256)", []],
    ["a connection cap above the file limit (accept fails with EMFILE)", [
      "--max-connections",
      "5000",
    ]],
  ] as const
) {
  Deno.test(`600 slow clients against a service limited to 512 files, ${name}: it keeps answering and is up after`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "caro-slow-" });
    const logFile = join(dir, "service.log");
    const service = await startService({
      db: join(dir, "healing.db"),
      logFile,
      fileLimit: 512,
      args: ["--header-timeout-ms", "2000", "--body-timeout-ms", "2000", ...args],
    });
    try {
      const { dropped } = await flood(service.port);
      const during = await Promise.all(Array.from({ length: 20 }, () => health(service.port)));
      if (args.length === 0) {
        ok(during.every((s) => s === 200 || s === 503), `answers during the flood: ${during}`);
      }
      await dropped; // every slow client was cut off by a deadline
      equal(await health(service.port), 200);
    } finally {
      equal((await service.stop()).code, 0);
    }
    if (args.length > 0) ok((await Deno.readTextFile(logFile)).includes('"accept_error"'));
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("SIGTERM during a flood of slow clients: exit 0 within the 10 s budget", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-slow-stop-" });
  const service = await startService({
    db: join(dir, "healing.db"),
    logFile: join(dir, "service.log"),
    fileLimit: 512,
  });
  try {
    const { dropped } = await flood(service.port);
    const started = performance.now();
    const { code } = await service.stop("SIGTERM");
    const seconds = (performance.now() - started) / 1000;
    equal(code, 0);
    ok(seconds < 10, `stopped in ${seconds.toFixed(1)} s`);
    await dropped;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
