/**
 * Ctrl-C while `caro report` is sending loses nothing and duplicates
 * nothing: SIGINT to the process group 0.5 s, 2 s and 5 s after the first
 * network byte reached the service (which answers 500, slowly, so the
 * process is mid-try at 0.5 s and 2 s; at 5 s it has already given the
 * terminal back). Each time the report is in the queue, and the next
 * `caro queue flush` delivers it exactly once. Mid-try, caro says so: the
 * `queued` line, `interrupted: report <id> stays queued …`, exit 130.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { REPORT_ARGS, spawnCaro } from "./caro_process.ts";
import { acceptReport, errorReply, startService } from "./fixtures.ts";

for (const delayMs of [500, 2_000, 5_000]) {
  Deno.test(`SIGINT to the process group ${delayMs / 1000} s into sending: queued, then delivered once`, async () => {
    const home = await Deno.makeTempDir();
    let firstByte: (() => void) | undefined;
    const reached = new Promise<void>((resolve) => firstByte = resolve);
    let healthy = false;
    const service = startService(async (_n, seen, s) => {
      firstByte?.();
      if (healthy) return seen.path === "/v1/reports" ? acceptReport(seen, s) : errorReply(404);
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // a slow 500: caro is mid-try
      return errorReply(500);
    });
    try {
      const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
      const caro = spawnCaro(REPORT_ARGS, env);
      await reached;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const interrupted = caro.signalGroup("SIGINT");
      const run = await caro.done;
      const queued = (await scanQueue(join(home, "data"), Date.now())).entries;
      equal(queued.length, 1, "the report is in the queue");
      const reportId = queued[0].reportId;
      match(run.stdout, new RegExp(`^queued ${reportId} \\(`));
      if (delayMs < 2_500) {
        ok(interrupted, `still sending at ${delayMs} ms`);
        equal(run.code, 130, run.stderr);
        // The outcome says why sending stopped.
        if (delayMs === 500) match(run.stdout, /\(stopped: interrupted \(Ctrl-C\); will retry\)/);
        match(run.stderr, new RegExp(`^interrupted: report ${reportId} stays queued`, "m"));
      } else equal(run.code, 0, run.stderr); // already back: "queued … will retry"
      equal(service.accepted.size, 0);

      healthy = true;
      const flush = await runCaro(["queue", "flush"], { env });
      equal(flush.code, 0, flush.stderr);
      match(flush.stdout, new RegExp(`^submitted ${reportId} CARO-2026-0001\\n$`));
      deepEqual([...service.accepted.entries()], [[reportId, 1]]);
      equal((await runCaro(["queue", "flush"], { env })).stdout, "nothing to send\n");
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}
