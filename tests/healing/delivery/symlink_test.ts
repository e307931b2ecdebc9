/**
 * No symbolic link inside caro's folders is followed out of them: a link
 * planted as a queue entry, as the notices file or as the install key is
 * refused, never read (so never sent, shown or used).
 */
import { equal, match } from "node:assert/strict";
import { join } from "node:path";
import { enqueueReport } from "../../../src/healing/queue/enqueue_report.ts";
import { encodeQueueEntry } from "../../../src/healing/queue/queue_entry.ts";
import { runCaro } from "../../_support/run_caro.ts";
import { reportBody, startService } from "./fixtures.ts";

Deno.test("links in the data dir are not followed: queue entries, notices, install key", {
  ignore: Deno.build.os === "windows",
}, async () => {
  const home = await Deno.makeTempDir();
  const outside = await Deno.makeTempDir();
  const service = startService(() => new Response("{}", { status: 500 }));
  try {
    const data = join(home, "data");
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    // A valid entry outside, linked into the queue under its own name.
    await Deno.mkdir(join(data, "queue"), { recursive: true });
    const entry = { reportId: "r_link", queuedAt: Date.now(), attempts: 0, nextRetryAt: 0 };
    await Deno.writeFile(
      join(outside, "r_link.report"),
      await encodeQueueEntry({ ...entry, body: reportBody("r_link") }),
    );
    await Deno.symlink(join(outside, "r_link.report"), join(data, "queue", "r_link.report"));
    await enqueueReport(
      data,
      { ...entry, reportId: "r_own", body: reportBody("r_own") },
      Date.now(),
    );
    const flush = await runCaro(["queue", "flush"], { env });
    equal(flush.code, 0, flush.stderr);
    match(flush.stdout, /^kept r_own \(/);
    equal(service.seen.filter((s) => s.idempotencyKey === "r_link").length, 0);

    const notice = { id: "n", case_id: "C-1", status: "resolved", message: "from outside" };
    await Deno.writeTextFile(
      join(outside, "notices.json"),
      JSON.stringify({ version: 1, notices: [{ ...notice, created_at: Date.now() }] }),
    );
    await Deno.symlink(join(outside, "notices.json"), join(data, "notices.json"));
    equal((await runCaro(["notifications"], { env })).stdout.includes("from outside"), false);

    await Deno.remove(join(data, "install_key.jwk")).catch(() => {});
    await Deno.writeTextFile(join(outside, "key"), "{}", { mode: 0o600 });
    await Deno.symlink(join(outside, "key"), join(data, "install_key.jwk"));
    const flushAgain = await runCaro(["queue", "flush"], { env });
    match(flushAgain.stderr, /install_key\.jwk": it is a symbolic link \(not followed\)/);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});
