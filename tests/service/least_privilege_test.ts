/**
 * The service process under exactly the flags `deno task service` gives it
 * (`serviceRunArgs`): no broad read, write, net or env; a report is ingested
 * into SQLite in its own directory and the public case page is served.
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { serviceRunArgs, startService } from "../../tools/service_process.ts";
import { postReport, sampleReport } from "../_support/service_harness.ts";

Deno.test("least privilege: the service ingests and serves a page under its exact flags", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-least-privilege-" });
  const db = join(dir, "healing.db");
  const logFile = await Deno.makeTempFile({ suffix: ".log" });
  const env = { CARO_LIMIT_INSTALL_PER_HOUR: "1000" };
  const args = serviceRunArgs(["--port", "0", "--db", db], env);
  for (const broad of ["--allow-read", "--allow-write", "--allow-net", "--allow-env", "-A"]) {
    ok(!args.includes(broad), `${broad} is not granted unscoped`);
  }
  ok(args.some((a) => a.startsWith(`--allow-read=${dir},`)), "read: the database directory");
  ok(args.includes(`--allow-write=${dir}`), "write: only the database directory");
  const service = await startService({ db, logFile, env });
  try {
    const res = await postReport(service.url, await generateInstallKey(), sampleReport());
    equal(res.status, 201, await Deno.readTextFile(logFile));
    const { case_id: caseId } = await res.json();
    const page = await fetch(`${service.url}/cases/${caseId}`);
    equal(page.status, 200);
    match(await page.text(), new RegExp(caseId));
  } finally {
    equal((await service.stop()).code, 0, await Deno.readTextFile(logFile));
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(logFile);
  }
});
