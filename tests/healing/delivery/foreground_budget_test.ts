/**
 * `caro report` gives the terminal back within its 3 s budget whatever the
 * service does (a real process against a real server on 127.0.0.1): it
 * answers 500, it answers garbage, it never answers. One or two quick
 * tries, then `queued … will retry`, and the report waits in the queue. The
 * budget is enforced by the code; here it is checked through the outcome
 * (at most two tries) and with a generous margin on the wall clock (the old
 * client took 36–61 s).
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { REPORT_ARGS, spawnCaro } from "./caro_process.ts";
import { blackHole, errorReply, startService } from "./fixtures.ts";

/** A service that never answers (the first connection is the known-case question). */
function hungService() {
  const hole = blackHole();
  return { url: hole.url, reportTries: () => hole.requests() - 1, close: hole.stop };
}

function answering(reply: () => Response) {
  const service = startService((_n, seen) =>
    seen.path === "/v1/reports" ? reply() : errorReply(404)
  );
  return {
    url: service.url,
    reportTries: () => service.seen.filter((s) => s.path === "/v1/reports").length,
    close: service.close,
  };
}

const SERVICES: [string, () => ReturnType<typeof answering>, RegExp][] = [
  ["answering 500", () => answering(() => errorReply(500)), /service error \(HTTP 500\)/],
  [
    "answering garbage",
    () => answering(() => new Response("\u0000<html>oops", { status: 200 })),
    /unreadable answer from the service \(HTTP 200\)/,
  ],
  ["never answering", hungService, /no answer from 127\.0\.0\.1:\d+ within \d s/],
];

for (const [name, start, reason] of SERVICES) {
  Deno.test(`a service ${name}: caro report is back within its budget, the report queued`, async () => {
    const home = await Deno.makeTempDir();
    const service = start();
    try {
      const caro = spawnCaro(REPORT_ARGS, { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url });
      const run = await caro.done;
      equal(run.code, 0, run.stderr);
      const [entry] = (await scanQueue(join(home, "data"), Date.now())).entries;
      equal(run.stdout, `queued ${entry.reportId} (${entry.lastError}; will retry)\n`);
      match(entry.lastError ?? "", reason);
      ok(
        service.reportTries() >= 1 && service.reportTries() <= 2,
        `${service.reportTries()} tries`,
      );
      ok(entry.nextRetryAt > Date.now(), "later runs retry on the queue's backoff");
      ok(run.elapsedMs < 10_000, `took ${Math.round(run.elapsedMs)} ms (budget 3 s + start-up)`);
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}
