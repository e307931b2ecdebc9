/**
 * `deno task test`: runs the whole suite with `deno test` and closes with the
 * plain line `N passed, N failed` that CI reads. Extra arguments are passed
 * to `deno test` (e.g. a file or `--filter`).
 *
 * PostgreSQL: unless `CARO_TEST_PG_URL` is already set, a throwaway cluster
 * is started on 127.0.0.1 (free port, temp dir) when PostgreSQL's binaries
 * are installed, its URL exported to the tests as `CARO_TEST_PG_URL`, and it
 * is stopped and deleted afterwards, pass or fail. Without PostgreSQL the PG
 * tests skip themselves and a loud notice is printed here (`CARO_TEST_PG=skip`
 * forces that path).
 *
 * The CLI is bundled once, while PostgreSQL starts, and its entry chunk
 * exported as `CARO_TEST_BUNDLE`: the tests that run the bundle (and do not
 * test bundling itself) share it (tests/distribution/bundle.ts). If bundling
 * fails the variable is not set, and each such test bundles (and fails) on
 * its own.
 *
 * Test files run {@link TEST_JOBS} at a time (`DENO_JOBS`, unless set): many
 * of them mostly wait on child processes, servers and timers, so twice the
 * cores keeps the cores busy.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.ts";
import {
  findPostgresBin,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from "./throwaway_postgres.ts";
import { TestTimings } from "./test_timings.ts";

const encoder = new TextEncoder();
const say = (line: string) => Deno.stderr.writeSync(encoder.encode(`${line}\n`));
const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Test files run at once: `DENO_JOBS` when set, else twice the cores. */
const TEST_JOBS = Deno.env.get("DENO_JOBS") ?? String(2 * navigator.hardwareConcurrency);

let bundleDir: string | undefined = await Deno.makeTempDir({ prefix: "caro-test-bundle-" });
const bundling: Promise<string | undefined> = bundle(
  join(bundleDir, "caro"),
  join(ROOT, "main.ts"),
  ROOT,
).catch((error) => {
  say(`!!! bundling the CLI failed (each test that needs it will bundle): ${error.message}`);
  return undefined;
});

let postgres: ThrowawayPostgres | undefined;
let pgUrl = Deno.env.get("CARO_TEST_PG_URL");
if (Deno.env.get("CARO_TEST_PG") === "skip") {
  pgUrl = undefined;
  say("!!! PostgreSQL tests SKIPPED: CARO_TEST_PG=skip");
} else if (!pgUrl) {
  const bin = await findPostgresBin(Deno.env.get("CARO_PG_BIN"));
  if (bin) {
    try {
      postgres = await startThrowawayPostgres(bin);
      pgUrl = postgres.url;
      say(`PostgreSQL: throwaway cluster from ${bin} at ${pgUrl}`);
    } catch (error) {
      say(`!!! PostgreSQL tests SKIPPED: ${(error as Error).message}`);
    }
  } else {
    say(
      "!!! PostgreSQL tests SKIPPED: no initdb/pg_ctl found (install Debian's `postgresql`, or set CARO_PG_BIN or CARO_TEST_PG_URL)",
    );
  }
}
const bundleEntry = await bundling;
const cleanUp = async () => {
  const running = postgres;
  postgres = undefined;
  const dir = bundleDir;
  bundleDir = undefined;
  await Promise.all([
    running?.stop(),
    dir && Deno.remove(dir, { recursive: true }).catch(() => {}),
  ]);
};
const onSignal = () => cleanUp().finally(() => Deno.exit(130));
Deno.addSignalListener("SIGINT", onSignal);
Deno.addSignalListener("SIGTERM", onSignal);

const args = ["test", "-A", "--parallel", "--no-prompt", ...Deno.args];
let code = 1;
let summary = "";
const timings = new TestTimings();
try {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "inherit",
    env: {
      NO_COLOR: "1",
      DENO_JOBS: TEST_JOBS,
      ...(pgUrl ? { CARO_TEST_PG_URL: pgUrl } : {}),
      ...(bundleEntry ? { CARO_TEST_BUNDLE: bundleEntry } : {}),
    },
  }).spawn();
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    Deno.stdout.writeSync(chunk);
    const text = decoder.decode(chunk, { stream: true });
    summary = (summary + text).slice(-4096);
    timings.read(text);
  }
  code = (await child.status).code;
} finally {
  await cleanUp();
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
}
const passed = Number(
  /(\d+) passed/.exec(summary.split("\n").findLast((l) => /\d+ passed/.test(l)) ?? "")?.[1] ?? 0,
);
const failed = Number(
  /(\d+) failed/.exec(summary.split("\n").findLast((l) => /\d+ failed/.test(l)) ?? "")?.[1] ?? 0,
);
say(`\nslowest tests:\n${timings.slowest(10).map((t) => `  ${t}`).join("\n")}`);
if (!pgUrl) say("!!! Reminder: PostgreSQL tests were SKIPPED (reason printed at the start).");
Deno.stdout.writeSync(
  encoder.encode(`\n${passed} passed, ${code === 0 ? failed : Math.max(failed, 1)} failed\n`),
);
Deno.exitCode = code;
