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
 * cores keeps the cores busy. On a whole run, the few files that mostly wait
 * for 10-20 s ({@link ALONGSIDE}) run from the start in a second `deno test`
 * beside the first (which `--ignore`s them): `deno test` picks its own order,
 * and one of them starting late ran on alone for its last ~10 s. Their output
 * follows the first run's; the closing line counts both.
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
const say = (line: string) => writeAll(Deno.stderr, encoder.encode(`${line}\n`));
const ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * Test files that mostly wait (standalone: 10-18 s, about 1-2 s of CPU each):
 * GitHub's write spacing inside the service, lease expiry, slow clients, a
 * SIGINT 5 s into sending. A whole run starts them at once, beside the rest.
 */
const ALONGSIDE = [
  "tests/loop/replicas_test.ts",
  "tests/service/webhook_test.ts",
  "tests/loop/loop_extension_test.ts",
  "tests/healing/delivery/interrupt_test.ts",
  "tests/service/slow_clients_test.ts",
];

/** Test files run at once: `DENO_JOBS` when set, else twice the cores. */
const TEST_JOBS = Deno.env.get("DENO_JOBS") ?? String(2 * navigator.hardwareConcurrency);

/** Where a `deno test`'s output goes: straight out, or kept back until released. */
class Output {
  #held: [typeof Deno.stdout | typeof Deno.stderr, Uint8Array][] = [];
  #released: boolean;

  constructor(released: boolean) {
    this.#released = released;
  }

  write(to: typeof Deno.stdout | typeof Deno.stderr, chunk: Uint8Array): void {
    if (this.#released) writeAll(to, chunk);
    else this.#held.push([to, chunk]);
  }

  release(): void {
    this.#released = true;
    for (const [to, chunk] of this.#held) writeAll(to, chunk);
    this.#held = [];
  }
}

/** How one `deno test` ended: its exit code and the tail of its output. */
interface TestRun {
  code: number;
  summary: string;
}

function writeAll(to: typeof Deno.stdout | typeof Deno.stderr, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += to.writeSync(bytes.subarray(done));
}

/** Runs `deno ARGS…`, its output to `output`, each complete stdout line to `timings`. */
async function runDenoTest(
  args: string[],
  env: Record<string, string>,
  output: Output,
  timings: TestTimings,
): Promise<TestRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "piped",
    env,
  }).spawn();
  let summary = "";
  const pumpStdout = (async () => {
    const decoder = new TextDecoder();
    let pending = "";
    for await (const chunk of child.stdout) {
      output.write(Deno.stdout, chunk);
      const text = decoder.decode(chunk, { stream: true });
      summary = (summary + text).slice(-4096);
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      if (lines.length > 0) timings.read(`${lines.join("\n")}\n`);
    }
  })();
  const pumpStderr = (async () => {
    for await (const chunk of child.stderr) output.write(Deno.stderr, chunk);
  })();
  await Promise.all([pumpStdout, pumpStderr]);
  return { code: (await child.status).code, summary };
}

/** The count before `word` (`passed`, `failed`) on the last line of `summary` that has one. */
function countOf(summary: string, word: "passed" | "failed"): number {
  const pattern = new RegExp(`(\\d+) ${word}`);
  const line = summary.split("\n").findLast((l) => pattern.test(l)) ?? "";
  return Number(pattern.exec(line)?.[1] ?? 0);
}

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

const isFile = (path: string) => {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
};
// Only a whole run splits; named files, directories or filters run as one `deno test`.
const alongside = Deno.args.length === 0 ? ALONGSIDE.filter(isFile) : [];
const testArgs = ["test", "-A", "--parallel", "--no-prompt"];
const env = {
  NO_COLOR: "1",
  ...(pgUrl ? { CARO_TEST_PG_URL: pgUrl } : {}),
  ...(bundleEntry ? { CARO_TEST_BUNDLE: bundleEntry } : {}),
};
const timings = new TestTimings();
let runs: TestRun[] = [];
try {
  const held = new Output(false);
  const ignore = alongside.length > 0 ? [`--ignore=${alongside.join(",")}`] : [];
  runs = await Promise.all([
    runDenoTest(
      [...testArgs, ...ignore, ...Deno.args],
      { ...env, DENO_JOBS: TEST_JOBS },
      new Output(true),
      timings,
    ).finally(() => held.release()),
    ...(alongside.length > 0
      ? [runDenoTest(
        [...testArgs, ...alongside],
        { ...env, DENO_JOBS: String(alongside.length) },
        held,
        timings,
      )]
      : []),
  ]);
} finally {
  await cleanUp();
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
}
const code = runs.find((run) => run.code !== 0)?.code ?? 0;
const passed = runs.reduce((sum, run) => sum + countOf(run.summary, "passed"), 0);
const failed = runs.reduce((sum, run) => sum + countOf(run.summary, "failed"), 0);
say(`\nslowest tests:\n${timings.slowest(10).map((t) => `  ${t}`).join("\n")}`);
if (!pgUrl) say("!!! Reminder: PostgreSQL tests were SKIPPED (reason printed at the start).");
writeAll(
  Deno.stdout,
  encoder.encode(`\n${passed} passed, ${code === 0 ? failed : Math.max(failed, 1)} failed\n`),
);
Deno.exitCode = code;
