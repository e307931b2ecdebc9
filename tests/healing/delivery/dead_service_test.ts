/**
 * A dead network is a failed command when the user asked for the network,
 * through the launcher (the installed `caro`, under its exact flags):
 * `caro queue flush` that could send none of the waiting reports because the
 * service could not be reached prints its `kept` lines, then one `error:`
 * line, exit 1; `caro notifications --refresh` that cannot reach the service
 * still lists the notices kept from before, then `error: cannot reach …`,
 * exit 1. With `--json` either is the `{"error":…}` object alone. Against
 * the real service both succeed; a flush that sent some before it stopped
 * succeeds too. The start-up hook stays silent and never changes an exit code.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { enqueueReport } from "../../../src/healing/queue/enqueue_report.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { updateNoticeFile } from "../../../src/healing/notification/notice_store.ts";
import { runExact } from "../../_support/exact_runs.ts";
import { sampleReport, startTestService } from "../../_support/service_harness.ts";
import { acceptReport, deadPort, errorReply, startService } from "./fixtures.ts";

/** Queues `count` valid reports, oldest first, all due; returns their ids. */
async function queueReports(dataDir: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const report = sampleReport();
    await enqueueReport(dataDir, {
      reportId: report.id,
      queuedAt: Date.now() - 60_000 + i,
      attempts: 1,
      nextRetryAt: 0,
      body: new TextEncoder().encode(JSON.stringify(report)),
    }, Date.now());
    ids.push(report.id);
  }
  return ids;
}

/** A notice kept from an earlier refresh. */
async function keepNotice(dataDir: string): Promise<void> {
  const now = Date.now();
  await updateNoticeFile(dataDir, now, (file) => ({
    ...file,
    notices: [{
      id: "7",
      caseId: "CARO-2026-0007",
      status: "resolved",
      message: "fixed upstream",
      createdAt: now - 60_000,
    }],
  }));
}

async function withHome(
  endpoint: string,
  fn: (env: Record<string, string>, dataDir: string) => Promise<void>,
): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "caro-dead-service-" });
  try {
    await fn({ HOME: home, CARO_HOME: home, CARO_HEALING_ENDPOINT: endpoint }, join(home, "data"));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

/** How `caro notifications` lists the notice of {@link keepNotice}. */
const KEPT_NOTICE =
  /^7 {2}\S+ \S+ UTC {2}CARO-2026-0007 \(resolved\) {2}\(new\)\n {2}fixed upstream\n$/;
const CANNOT_REACH = /^cannot reach 127\.0\.0\.1:\d+: connection refused$/;

Deno.test("queue flush, service unreachable: a kept line per report, then one error line, exit 1", async () => {
  await withHome(`http://127.0.0.1:${deadPort()}`, async (env, dataDir) => {
    const ids = await queueReports(dataDir, 2);
    const run = await runExact("launcher", ["queue", "flush"], { env });
    equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    deepEqual(lines.map((line) => line.split(" ").slice(0, 2)), ids.map((id) => ["kept", id]));
    const reason = /\((.*)\)$/.exec(lines[0])![1];
    match(reason, CANNOT_REACH);
    equal(run.stderr, `error: not sent: ${reason} (2 reports kept in the queue)\n`);
    equal((await scanQueue(dataDir, Date.now())).entries.length, 2, "nothing is lost");

    const json = await runExact("launcher", ["--json", "queue", "flush"], { env });
    equal(json.code, 1, json.stderr);
    const { error } = JSON.parse(json.stdout);
    equal(error.code, "failed");
    match(
      error.message,
      /^not sent: cannot reach 127\.0\.0\.1:\d+: connection refused \(2 reports kept in the queue\)$/,
    );
    equal(json.stderr, "");
  });
});

Deno.test("queue flush, real service: every report submitted, exit 0; then nothing to send, exit 0", async () => {
  const service = await startTestService();
  try {
    await withHome(service.url, async (env, dataDir) => {
      const ids = await queueReports(dataDir, 2);
      const run = await runExact("launcher", ["queue", "flush"], { env });
      equal(run.code, 0, run.stderr);
      equal(run.stderr, "");
      const lines = run.stdout.trimEnd().split("\n");
      equal(lines.length, 2, run.stdout);
      lines.forEach((line, i) => match(line, new RegExp(`^submitted ${ids[i]} CARO-\\d{4}-\\d+$`)));
      const again = await runExact("launcher", ["queue", "flush"], { env });
      equal(again.code, 0, again.stderr);
      equal(again.stdout, "nothing to send\n");

      const [id] = await queueReports(dataDir, 1);
      const json = await runExact("launcher", ["--json", "queue", "flush"], { env });
      equal(json.code, 0, json.stderr);
      const out = JSON.parse(json.stdout);
      deepEqual(
        out.reports.map((r: { report_id: string; status: string }) => [r.report_id, r.status]),
        [
          [id, "submitted"],
        ],
      );
    });
  } finally {
    await service.stop();
    await service.remove();
  }
});

Deno.test("queue flush that sent some before the service could not be used: the lines say what waits, exit 0", async () => {
  const service = startService((n, seen, s) => n === 1 ? acceptReport(seen, s) : errorReply(404));
  try {
    await withHome(service.url, async (env, dataDir) => {
      const [sent, kept, after] = await queueReports(dataDir, 3);
      const run = await runExact("launcher", ["queue", "flush"], { env });
      equal(run.code, 0, run.stderr);
      equal(run.stderr, "");
      const lines = run.stdout.trimEnd().split("\n");
      equal(lines[0], `submitted ${sent} CARO-2026-0001`);
      match(
        lines[1],
        new RegExp(`^kept ${kept} \\(the healing endpoint answered HTTP 404: .*\\)$`),
      );
      match(
        lines[2],
        new RegExp(`^kept ${after} \\(the healing endpoint answered HTTP 404: .*\\)$`),
      );
    });
  } finally {
    await service.close();
  }
});

Deno.test("notifications --refresh, service unreachable: the kept notices, then error: cannot reach …, exit 1", async () => {
  await withHome(`http://127.0.0.1:${deadPort()}`, async (env, dataDir) => {
    await keepNotice(dataDir);
    const run = await runExact("launcher", ["notifications", "--refresh"], { env });
    equal(run.code, 1, run.stderr);
    match(run.stdout, KEPT_NOTICE);
    match(run.stderr.replace(/^error: (.*)\n$/, "$1"), CANNOT_REACH);

    const json = await runExact("launcher", ["--json", "notifications", "--refresh"], { env });
    equal(json.code, 1, json.stderr);
    const { error } = JSON.parse(json.stdout);
    equal(error.code, "failed");
    match(error.message, CANNOT_REACH);
    equal(json.stderr, "");
  });
});

Deno.test("notifications --refresh, real service: the notices, exit 0", async () => {
  const service = await startTestService();
  try {
    await withHome(service.url, async (env, dataDir) => {
      await keepNotice(dataDir);
      const run = await runExact("launcher", ["notifications", "--refresh"], { env });
      equal(run.code, 0, run.stderr);
      equal(run.stderr, "");
      match(run.stdout, KEPT_NOTICE);
      const json = await runExact("launcher", ["--json", "notifications", "--refresh"], { env });
      equal(json.code, 0, json.stderr);
      const out = JSON.parse(json.stdout);
      equal(out.refresh_note, null);
      deepEqual(out.notices.map((n: { id: string }) => n.id), ["7"]);
    });
  } finally {
    await service.stop();
    await service.remove();
  }
});

Deno.test("the start-up hook, service unreachable: silent, and the command's exit code stands", async () => {
  await withHome(`http://127.0.0.1:${deadPort()}`, async (env, dataDir) => {
    await queueReports(dataDir, 1);
    const run = await runExact("launcher", ["cases"], { env });
    equal(run.code, 0, run.stderr);
    equal(run.stderr, "");
    const json = await runExact("launcher", ["--json", "cases"], { env });
    equal(json.code, 0, json.stderr);
    equal(json.stderr, "");
    JSON.parse(json.stdout);
    const [entry] = (await scanQueue(dataDir, Date.now())).entries;
    match(entry.lastError ?? "", CANNOT_REACH, "the hook did try, and kept the report");
  });
});
