/**
 * `caro queue flush` as real processes: two of them on one queue deliver
 * each report once; a truncated or corrupt queue file is reported and set
 * aside while the others still go; a crash's temp file is cleaned.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { enqueueReport } from "../../../src/healing/queue/enqueue_report.ts";
import { entryPath, queueDir } from "../../../src/healing/queue/queue_paths.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { readDropped } from "../../../src/healing/queue/dropped_log.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { acceptReport, reportBody, startService } from "./fixtures.ts";

async function queueReports(dataDir: string, ids: string[]): Promise<void> {
  for (const [i, reportId] of ids.entries()) {
    await enqueueReport(dataDir, {
      reportId,
      queuedAt: Date.now() - 60_000 + i,
      attempts: 1,
      nextRetryAt: 0,
      lastError: "cannot reach heal.caro.example: connection refused",
      body: reportBody(reportId),
    }, Date.now());
  }
}

Deno.test("two caro processes flushing one queue deliver each report once", async () => {
  const home = await Deno.makeTempDir();
  const service = startService(async (_n, seen, s) => {
    await new Promise((resolve) => setTimeout(resolve, 15)); // widen the race
    return acceptReport(seen, s);
  });
  try {
    const ids = Array.from({ length: 24 }, (_, i) => `r_two_${String(i).padStart(2, "0")}`);
    await queueReports(join(home, "data"), ids);
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const runs = await Promise.all([
      runCaro(["queue", "flush", "--json"], { env }),
      runCaro(["queue", "flush", "--json"], { env }),
    ]);
    const submitted: string[] = [];
    for (const run of runs) {
      equal(run.code, 0, run.stderr);
      for (const line of JSON.parse(run.stdout).reports) {
        if (line.status === "submitted") submitted.push(line.report_id);
        else equal(line.reason, "being sent by another caro process");
      }
    }
    deepEqual(submitted.sort(), ids);
    deepEqual([...service.accepted.values()], ids.map(() => 1));
    equal(service.seen.length, ids.length);
    equal((await scanQueue(join(home, "data"), Date.now())).entries.length, 0);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("corrupt queue files are reported and set aside; the others still go", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const service = startService((_n, seen, s) => acceptReport(seen, s));
  try {
    await queueReports(dataDir, ["r_good", "r_truncated", "r_garbled"]);
    const truncated = await Deno.readFile(entryPath(dataDir, "r_truncated"));
    await Deno.writeFile(entryPath(dataDir, "r_truncated"), truncated.subarray(0, -10));
    await Deno.writeTextFile(entryPath(dataDir, "r_garbled"), "\u0000\u0001 not a queue file");
    const temp = join(queueDir(dataDir), ".tmp-r_x.report.crashed");
    await Deno.writeTextFile(temp, "half a wri");
    await Deno.utime(temp, new Date(0), new Date(0));

    const run = await runCaro(["queue", "flush"], {
      env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
    });
    equal(run.code, 0, run.stderr);
    match(run.stdout, /^submitted r_good CARO-2026-0001\n$/);
    equal(
      run.stderr,
      "warning: queue file r_garbled.report is unreadable (no header line (truncated?)); set aside as r_garbled.report.corrupt, not sent\n" +
        "warning: queue file r_truncated.report is unreadable (body is 68 bytes, header says 78 (truncated?)); set aside as r_truncated.report.corrupt, not sent\n",
    );
    deepEqual([...service.accepted.keys()], ["r_good"]);
    const names = [];
    for await (const entry of Deno.readDir(queueDir(dataDir))) names.push(entry.name);
    deepEqual(names.filter((n) => n.endsWith(".corrupt")).sort(), [
      "r_garbled.report.corrupt",
      "r_truncated.report.corrupt",
    ]);
    ok(!names.some((n) => n.startsWith(".tmp-")), "the crash's temp file is removed");
    const listing = await runCaro(["queue"], { env: { CARO_HOME: home } });
    match(listing.stdout, /no reports waiting to be sent/);
    match(listing.stdout, /set aside as corrupt: r_garbled\.report\.corrupt/);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro queue shows attempts, next retry and last error; clear records why", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  try {
    await queueReports(dataDir, ["r_one"]);
    const listing = await runCaro(["queue"], { env: { CARO_HOME: home } });
    equal(
      listing.stdout.replace(/queued \S+ \S+ UTC/, "queued T").replace(queueDir(dataDir), "Q"),
      "1 report waiting to be sent (Q):\n" +
        "  r_one  queued T  attempts 1  next retry next run\n" +
        "    last error: cannot reach heal.caro.example: connection refused\n" +
        "not rate limited\n",
    );
    const cleared = await runCaro(["queue", "clear"], { env: { CARO_HOME: home } });
    equal(cleared.stdout, "cleared 1 queued report\n");
    deepEqual((await readDropped(dataDir)).map((d) => [d.reportId, d.reason]), [
      ["r_one", "cleared by hand (caro queue clear)"],
    ]);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro queue flush with healing off sends nothing and keeps the queue", async () => {
  const home = await Deno.makeTempDir();
  const dataDir = join(home, "data");
  const service = startService((_n, seen, s) => acceptReport(seen, s));
  try {
    await queueReports(dataDir, ["r_kept"]);
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const dnt = await runCaro(["queue", "flush"], { env: { ...env, DO_NOT_TRACK: "1" } });
    deepEqual([dnt.code, dnt.stdout, dnt.stderr], [
      1,
      "",
      "error: not sent: DO_NOT_TRACK is set (queued reports are kept)\n",
    ]);
    const off = await runCaro(["--no-healing", "queue", "flush"], { env });
    deepEqual([off.code, off.stderr], [
      1,
      "error: not sent: --no-healing (queued reports are kept)\n",
    ]);
    equal(service.seen.length, 0);
    equal((await scanQueue(dataDir, Date.now())).entries.length, 1);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro queue lists a corrupt file in the very run that sets it aside (and warns once)", async () => {
  const home = await Deno.makeTempDir();
  try {
    const dataDir = join(home, "data");
    await Deno.mkdir(queueDir(dataDir), { recursive: true });
    await Deno.writeTextFile(join(queueDir(dataDir), "abc.report"), "garbage\n");
    const first = await runCaro(["queue"], { env: { CARO_HOME: home } });
    equal(first.code, 0);
    match(first.stdout, /^set aside as corrupt: abc\.report\.corrupt$/m);
    match(
      first.stderr,
      /^warning: queue file abc\.report is unreadable .*set aside as abc\.report\.corrupt/,
    );
    const second = await runCaro(["queue"], { env: { CARO_HOME: home } });
    match(second.stdout, /^set aside as corrupt: abc\.report\.corrupt$/m);
    equal(second.stderr, "");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro queue clear deletes the contact kept for each cleared report (it lingered, reachable by no command)", async () => {
  const home = await Deno.makeTempDir();
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: "http://127.0.0.1:9" };
    const report = await runCaro([
      "--healing-consent",
      "full",
      "report",
      "--failure-type",
      "execution",
      "--contact",
      "jane.doe@acme-corp.com",
    ], { env });
    equal(report.code, 0, report.stderr);
    const contacts = join(home, "data", "contacts");
    const kept = async () => {
      const names: string[] = [];
      for await (const entry of Deno.readDir(contacts)) names.push(entry.name);
      return names;
    };
    equal((await kept()).length, 1, "the contact waits with the queued report");
    const clear = await runCaro(["queue", "clear"], { env });
    equal(clear.code, 0, clear.stderr);
    deepEqual(await kept(), []);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
