/**
 * `caro forget CASE_ID` against a real local service: one signed DELETE per
 * local report of the case, by the key that sent it, then no local trace
 * (case record, contact, notice); a service that does not confirm leaves
 * everything local in place.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";
import { updateNoticeFile } from "../../../src/healing/notification/notice_store.ts";
import { filesUnder, startCountingService } from "./counting_service.ts";

async function reportOne(home: string, url: string): Promise<string> {
  const run = await runCaro([
    "--healing-consent",
    "minimal",
    "report",
    "--failure-type",
    "timeout",
    "--contact",
    "ada@example.org",
  ], { env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: url } });
  equal(run.code, 0, run.stderr);
  return run.stdout.split(" ")[1];
}

Deno.test("caro forget erases the case's reports on the service, then every local trace", async () => {
  const service = startCountingService("CARO-2026-0042");
  const home = await Deno.makeTempDir({ prefix: "caro-forget-" });
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const first = await reportOne(home, service.url);
    const second = await reportOne(home, service.url);
    const data = join(home, "data");
    deepEqual((await filesUnder(join(data, "contacts"))).length, 2);
    await updateNoticeFile(data, Date.now(), (file) => ({
      ...file,
      notices: [{
        id: "n1",
        caseId: "CARO-2026-0042",
        status: "resolved",
        message: "fixed",
        createdAt: Date.now(),
      }],
    }));

    const run = await runCaro(["--json", "forget", "CARO-2026-0042"], { env });
    equal(run.code, 0, run.stderr);
    deepEqual(JSON.parse(run.stdout), {
      status: "forgotten",
      case_id: "CARO-2026-0042",
      reports: [first, second],
    });
    const deletes = service.arrivals.filter((a) => a.method === "DELETE");
    deepEqual(deletes.map((a) => a.path), [`/v1/reports/${first}`, `/v1/reports/${second}`]);
    const poster = service.reports()[0].signedBy;
    deepEqual(deletes.map((a) => a.signedBy), [poster, poster]);

    deepEqual(await filesUnder(join(data, "contacts")), []);
    const cases = JSON.parse(await Deno.readTextFile(join(data, "cases.json")));
    deepEqual(cases.reports, []);
    const notices = JSON.parse(await Deno.readTextFile(join(data, "notices.json")));
    equal(JSON.stringify(notices).includes("CARO-2026-0042"), false);

    const again = await runCaro(["forget", "CARO-2026-0042"], { env });
    equal(again.code, 1);
    match(again.stderr, /^error: No report of this install is on case CARO-2026-0042/);
    const bad = await runCaro(["forget", "../etc"], { env });
    equal(bad.code, 2);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro forget keeps everything local when the service does not confirm", async () => {
  const service = startCountingService("CARO-2026-0042", { deleteStatus: 503 });
  const home = await Deno.makeTempDir({ prefix: "caro-forget-" });
  try {
    await reportOne(home, service.url);
    const before = await filesUnder(home);
    const run = await runCaro(["forget", "CARO-2026-0042"], {
      env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
    });
    equal(run.code, 1);
    match(run.stderr, /did not erase report .* \(HTTP 503\); nothing was removed locally/);
    deepEqual(await filesUnder(home), before);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
