/**
 * The service process on a SQLite file: stop it, start it again on the same
 * file — every case and report is still there and case ids continue.
 * Also: its logs are JSON lines without report text.
 */
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { postReport, sampleReport } from "../_support/service_harness.ts";
import { startService } from "../../tools/service_process.ts";

Deno.test("restart on the same SQLite file: nothing lost, case ids continue", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-restart-" });
  const db = join(dir, "healing.db");
  const logFile = join(dir, "service.log");
  const env = { CARO_LIMIT_YOUNG_INSTALL_PER_HOUR: "1000" };
  try {
    const key = await generateInstallKey();
    const first = await startService({ db, logFile, env });
    const a = sampleReport();
    const b = sampleReport({ request: { intent_category: "search", shape: "find big files" } });
    const caseA = (await (await postReport(first.url, key, a)).json()).case_id;
    const caseB = (await (await postReport(first.url, key, b)).json()).case_id;
    equal((await first.stop()).code, 0);
    const log = await Deno.readTextFile(logFile);
    for (const line of log.trim().split("\n")) JSON.parse(line);
    ok(!log.includes("delete log files"), "no report text in logs");

    const second = await startService({ db, logFile, env });
    try {
      const replay = await postReport(second.url, key, a);
      equal(replay.status, 200);
      equal((await replay.json()).case_id, caseA);
      const c = sampleReport({ request: { intent_category: "network" } });
      const third = await (await postReport(second.url, key, c)).json();
      const seq = (id: string) => Number(id.split("-")[2]);
      deepEqual([seq(caseA), seq(caseB), seq(third.case_id)], [1, 2, 3]);
      const known = await (await fetch(`${second.url}/v1/cases/${caseB}`)).json();
      equal(known.report_count, 1);
    } finally {
      await second.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service process: a missing --db or a bad --port is one line and exit 2", async () => {
  const main = new URL("../../src/service/main.ts", import.meta.url).pathname;
  for (
    const [args, message] of [
      [["--port", "0"], "caro-service: --db is required (a file path or a postgres:// URL)\n"],
      [
        ["--port", "99999", "--db", "x.db"],
        'caro-service: --port: expected 0–65535, got "99999"\n',
      ],
    ] as const
  ) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", "--allow-write", "--allow-env", main, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    equal(out.code, 2);
    equal(new TextDecoder().decode(out.stdout), "");
    equal(new TextDecoder().decode(out.stderr), message);
  }
});
