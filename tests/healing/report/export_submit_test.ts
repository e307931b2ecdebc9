/**
 * Air-gapped round trip through the real CLI: `--export FILE` writes the
 * signed payload and sends nothing; `--submit FILE` sends exactly those
 * bytes; a changed file is refused before anything is sent; the hard
 * opt-outs still win on submit.
 */
import { equal, match } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";
import { sha256, startCountingService } from "./counting_service.ts";

Deno.test("export writes a signed report and sends nothing; submit sends exactly its bytes", async () => {
  const service = startCountingService();
  const home = await Deno.makeTempDir({ prefix: "caro-export-" });
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const file = join(home, "report.caro.json");
    const exported = await runCaro([
      "--healing-consent",
      "standard",
      "report",
      "--failure-type",
      "timeout",
      "--request",
      "tar the logs in /var/log/app",
      "--export",
      file,
    ], { env });
    equal(exported.code, 0, exported.stderr);
    const [, reportId] = /^exported ([0-9a-f-]{36}) /.exec(exported.stdout)!;
    equal(service.arrivals.length, 0);
    if (Deno.build.os !== "windows") equal((await Deno.stat(file)).mode! & 0o777, 0o600);
    const saved = JSON.parse(await Deno.readTextFile(file));
    equal(saved.headers["idempotency-key"], reportId);
    match(saved.headers["x-caro-signature"], /^[A-Za-z0-9_-]{86}$/);

    const again = await runCaro([
      "--healing-consent",
      "standard",
      "report",
      "--failure-type",
      "timeout",
      "--export",
      file,
    ], { env });
    equal(again.code, 1);
    match(again.stderr, /something is already there \(name a new file\)/);

    const submitted = await runCaro(["--json", "report", "--submit", file], { env });
    equal(submitted.code, 0, submitted.stderr);
    const out = JSON.parse(submitted.stdout);
    equal(out.status, "submitted");
    equal(out.report_id, reportId);
    equal(service.reports().length, 1);
    equal(await sha256(service.reports()[0].body), saved.body_sha256);
    equal(new TextDecoder().decode(service.reports()[0].body), saved.body);
    equal(service.reports()[0].idempotencyKey, reportId);

    const optedOut = await runCaro(["report", "--submit", file], {
      env: { ...env, DO_NOT_TRACK: "1" },
    });
    equal(optedOut.stdout, "not sent (do-not-track)\n");
    equal(service.reports().length, 1);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a changed export is refused before anything is sent", async () => {
  const service = startCountingService();
  const home = await Deno.makeTempDir({ prefix: "caro-export-" });
  try {
    const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
    const file = join(home, "r.json");
    await runCaro([
      "--healing-consent",
      "minimal",
      "report",
      "--failure-type",
      "validation",
      "--export",
      file,
    ], { env });
    const saved = JSON.parse(await Deno.readTextFile(file));
    const bodyChanged = saved.body.replace('"minimal"', '"full"');
    await Deno.writeTextFile(file, JSON.stringify({ ...saved, body: bodyChanged }));
    const mismatch = await runCaro(["report", "--submit", file], { env });
    equal(mismatch.code, 1);
    match(mismatch.stderr, /^error: Cannot submit ".*": the body does not match body_sha256\n$/);
    const rehashed = {
      ...saved,
      body: bodyChanged,
      body_sha256: await sha256(new TextEncoder().encode(bodyChanged)),
    };
    await Deno.writeTextFile(file, JSON.stringify(rehashed));
    const forged = await runCaro(["report", "--submit", file], { env });
    equal(forged.code, 1);
    match(forged.stderr, /the signature does not verify \(invalid\)/);
    await Deno.writeTextFile(file, "{");
    match((await runCaro(["report", "--submit", file], { env })).stderr, /not JSON/);
    equal(service.arrivals.length, 0);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
