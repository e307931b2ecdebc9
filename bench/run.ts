/**
 * `deno task bench`: the distribution budgets measured in ONE run (after
 * `deno task bundle`), each beside a Deno hello-world baseline spawned the
 * same way in the same loop:
 *
 * - `caro --version` and `caro doctor --json`: the bundled CLI under its
 *   `deno run` flags (src/cli/permissions.ts `bundleRunFlags`: the
 *   exact permission set, lazy dynamic imports, no config file), whole processes,
 *   runs interleaved with the baseline; medians and ratios. The doctor
 *   twice: on a fresh install (budget 1.5×) and on one with healing state
 *   (a queued report not yet due, a case, a notice shown today; budget
 *   2.0×), each in its own `CARO_HOME`. The machine's load average is
 *   printed before and after, since the machine may be shared.
 * - the CLI bundle's size, all chunks (budget 300 KB; the service is not in it).
 * - the sanitizer's throughput (bench/sanitizer_bench.ts)
 *   via `deno bench --json`; the service's ingest figure (any
 *   `bench/*ingest*_bench.ts` or `bench/service*_bench.ts`, run with `--json`:
 *   reports/s, ratio to a bare Deno.serve, p50/p99 at a fixed rate);
 *   "not available yet" when the file is absent.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleRunFlags, currentOs } from "../src/cli/permissions.ts";
import { processEnv } from "../src/platform/env.ts";
import { BUNDLE_DIR, BUNDLE_ENTRY, bundleSize } from "../tools/bundle.ts";
import { closedPort } from "../tools/fake_backends.ts";
import { recordDelivery } from "../src/healing/cases/record_delivery.ts";
import { updateNoticeFile } from "../src/healing/notification/notice_store.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BUNDLE = join(ROOT, BUNDLE_DIR, BUNDLE_ENTRY);
const RUNS = Number(Deno.env.get("CARO_BENCH_RUNS") ?? 25);
const BUNDLE_BUDGET = 300 * 1024;

const say = (line = "") => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));

/** A process to time: the deno arguments after `deno`. */
interface ProcessCase {
  label: string;
  args: string[];
  budget?: number;
  /** Variables set on top of this process's environment. */
  env?: Record<string, string>;
}

/**
 * The median of a non-empty list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert(median([3, 1, 2]) === 2);
 * ```
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timeOnce({ args, env }: ProcessCase): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    env,
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - start;
  if (out.code > 1) {
    throw new Error(
      `deno ${args.join(" ")} exited ${out.code}: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return elapsed;
}

async function timeProcesses(cases: ProcessCase[]): Promise<Map<string, number>> {
  const samples = new Map(cases.map((c) => [c.label, [] as number[]]));
  for (const c of cases) await timeOnce(c); // warm the V8 code cache
  for (let run = 0; run < RUNS; run++) {
    for (const c of cases) samples.get(c.label)!.push(await timeOnce(c));
  }
  return new Map([...samples].map(([label, values]) => [label, median(values)]));
}

interface BenchResult {
  name: string;
  avgNs: number;
}

async function denoBench(file: string, filter?: string): Promise<BenchResult[]> {
  const args = ["bench", "-A", "--json", ...(filter ? ["--filter", filter] : []), file];
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stderr: "piped" })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr).trim().split("\n")[0]);
  // A bench file may print its own lines before deno's JSON report.
  const text = new TextDecoder().decode(out.stdout);
  const report = JSON.parse(text.slice(text.search(/^\{/m)));
  return report.benches.flatMap((bench: { name: string; results: { ok?: { avg: number } }[] }) =>
    bench.results.flatMap((r) => r.ok ? [{ name: bench.name, avgNs: r.ok.avg }] : [])
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function machine(): Promise<string> {
  let cpu = "unknown CPU";
  try {
    const info = await Deno.readTextFile("/proc/cpuinfo");
    cpu = info.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpu;
  } catch { /* not Linux (and Deno reads /proc/cpuinfo only with --allow-all) */ }
  const memory = (Deno.systemMemoryInfo().total / 2 ** 30).toFixed(1);
  return `${navigator.hardwareConcurrency} CPUs (${cpu}), ${memory} GiB, deno ${Deno.version.deno}, ${Deno.build.target}`;
}

/** The bundle's `deno run` arguments for an install whose caro dirs are under `home`. */
function bundleArgs(home: string, extraEnv: Record<string, string> = {}): string[] {
  const env = (name: string) => ({ CARO_HOME: home, ...extraEnv })[name] ?? processEnv(name);
  return [
    "run",
    "--quiet",
    "--no-prompt",
    ...bundleRunFlags(env, currentOs(), join(ROOT, BUNDLE_DIR)),
  ];
}

/**
 * An install that has sent reports: one report queued and not yet due
 * (the real CLI, its endpoint a closed port), a case, and a notice shown
 * today (so the daily check is not due).
 */
async function seedHealingState(home: string): Promise<void> {
  const endpoint = `http://127.0.0.1:${closedPort()}`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      ...bundleArgs(home, { CARO_HEALING_ENDPOINT: endpoint }),
      BUNDLE,
      "--healing-consent",
      "standard",
      "report",
      "--failure-type",
      "generation",
    ],
    env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: endpoint },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const queued = new TextDecoder().decode(out.stdout);
  if (!queued.startsWith("queued ")) throw new Error(`seeding the queue: ${queued}`);
  const data = join(home, "data");
  const now = Date.now();
  const caseId = "CARO-2026-0001";
  await recordDelivery(data, "r1", {
    reportId: "r1",
    caseId,
    status: "open",
    trackUrl: "https://h/c",
  }, now);
  await updateNoticeFile(data, now, (file) => ({
    ...file,
    lastCheckedAt: now,
    notices: [{
      id: "1",
      caseId,
      status: "resolved",
      fixedIn: "1.4.2",
      message: "fixed",
      createdAt: now,
      shownAt: now,
    }],
  }));
}

async function loadAverage(): Promise<string> {
  try {
    return (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

const dir = await Deno.makeTempDir();
try {
  const hello = join(dir, "hello.js");
  await Deno.writeTextFile(hello, 'console.log("hello");\n');
  const fresh = join(dir, "fresh");
  const state = join(dir, "state");
  await seedHealingState(state);
  const cases: ProcessCase[] = [
    { label: "baseline: deno run hello.js", args: ["run", hello] },
    {
      label: "caro --version",
      args: [...bundleArgs(fresh), BUNDLE, "--version"],
      env: { CARO_HOME: fresh },
      budget: 1.3,
    },
    {
      label: "caro doctor --json (fresh install)",
      args: [...bundleArgs(fresh), BUNDLE, "doctor", "--json"],
      env: { CARO_HOME: fresh },
      budget: 1.5,
    },
    {
      label: "caro doctor --json (healing state: queued report, case, notice)",
      args: [...bundleArgs(state), BUNDLE, "doctor", "--json"],
      env: { CARO_HOME: state },
      budget: 2.0,
    },
  ];

  say(`machine: ${await machine()}`);
  say(`load average before: ${await loadAverage()}`);
  say(`runs: ${RUNS} per process, interleaved; medians of wall time per spawn`);
  say();
  const medians = await timeProcesses(cases);
  say(`load average after the process runs: ${await loadAverage()}`);
  say();
  const base = medians.get(cases[0].label)!;
  say("| measure | median | ratio to hello-world | budget |");
  say("| --- | ---: | ---: | --- |");
  for (const c of cases) {
    const ms = medians.get(c.label)!;
    const ratio = ms / base;
    const verdict = c.budget === undefined ? "" : `≤ ${c.budget}× ${ratio <= c.budget ? "✓" : "✗"}`;
    say(`| ${c.label} | ${ms.toFixed(1)} ms | ${ratio.toFixed(2)}× | ${verdict} |`);
  }
  const size = await bundleSize(join(ROOT, BUNDLE_DIR));
  say(
    `| CLI bundle dist/caro/ (all chunks) | ${(size / 1024).toFixed(1)} KB | | ≤ 300 KB ${
      size <= BUNDLE_BUDGET ? "✓" : "✗"
    } |`,
  );

  const sanitizerBench = join(ROOT, "bench", "sanitizer_bench.ts");
  if (await exists(sanitizerBench)) {
    const results = await denoBench(sanitizerBench, "over the 1 MB");
    const sanitize = results.find((r) => r.name.startsWith("sanitizeText over"));
    const lower = results.find((r) => r.name.startsWith("baseline: toLowerCase over"));
    if (sanitize) {
      const mbs = 1 / (sanitize.avgNs / 1e9);
      const vs = lower ? ` (${(sanitize.avgNs / lower.avgNs).toFixed(1)}× toLowerCase)` : "";
      say(`| sanitizer, 1 MB mixed corpus | ${mbs.toFixed(1)} MB/s${vs} | | |`);
    }
  } else say("| sanitizer throughput | not available yet | | |");

  const ingest = [];
  for await (const entry of Deno.readDir(join(ROOT, "bench"))) {
    if (/^(service|.*ingest).*_bench\.ts$/.test(entry.name)) ingest.push(entry.name);
  }
  if (ingest.length === 0) say("| service ingest | not available yet | | |");
  for (const name of ingest.sort()) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "bench", name), "--json"],
      cwd: ROOT,
      stderr: "piped",
    }).output();
    if (!out.success) {
      say(
        `| ${name} | failed: ${new TextDecoder().decode(out.stderr).trim().split("\n")[0]} | | |`,
      );
      continue;
    }
    const last = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
    let r;
    try {
      r = JSON.parse(last);
    } catch {
      say(`| ${name} | failed: its last line is not JSON: ${last.slice(0, 80)} | | |`);
      continue;
    }
    const verdict = `≥ 1,000/s and ≥ 25 % ${r.targets_met ? "✓" : "✗"}`;
    say(
      `| service ingest, SQLite, one core | ${r.reports_per_s} reports/s | ${
        (r.ratio_to_bare * 100).toFixed(1)
      } % of bare Deno.serve (${r.bare_per_s}/s) | ${verdict} |`,
    );
    say(
      `| service ingest latency at ${r.rate_per_s}/s | p50 ${r.ingest_p50_ms} ms, p99 ${r.ingest_p99_ms} ms | bare p99 ${r.bare_p99_ms} ms | |`,
    );
    if (typeof r.pg_reports_per_s === "number") {
      say(
        `| service ingest, PostgreSQL, one replica | ${r.pg_reports_per_s} reports/s | ${
          (r.pg_to_sqlite * 100).toFixed(1)
        } % of SQLite, same rounds | ≥ 50 % ${r.pg_to_sqlite >= 0.5 ? "✓" : "✗"} |`,
      );
    }
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
