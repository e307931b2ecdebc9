/**
 * Ingest throughput of the healing service on one core with SQLite, beside a
 * bare `Deno.serve` hello handler measured the same way in the same run.
 * Each server runs in its own process (one JS thread); this process sends
 * pre-signed requests (distinct report ids, 400 installs; 40 request shapes
 * that fold to one problem, so every report lands in one case: the hottest
 * case there can be, where PostgreSQL's reports serialise on its key's lock):
 *
 * 1. throughput: 32 requests in flight, N requests in 5 rounds interleaved
 *    between the servers → medians of requests/s and of the ratio;
 * 2. latency at a fixed rate (open loop, 500/s for 4 s) → p50 and p99.
 *
 * The same rounds also run the service on PostgreSQL (a throwaway cluster,
 * `tools/throwaway_postgres.ts`, when its binaries are found; one service
 * process = one replica): `pg_reports_per_s` and `pg_to_sqlite` (target ≥ 0.5).
 *
 * `deno run -A bench/ingest_bench.ts [--json] [--n 8000] [--no-pg]`. Targets:
 * ≥ 1,000 reports/s and ≥ 25 % of the bare handler. `--no-pg` leaves
 * PostgreSQL out, as the bench ran before it had a PostgreSQL round (a
 * cluster that just took thousands of reports checkpoints and vacuums
 * during the next rounds, on the same two cores).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateInstallKey, signRequest } from "../src/protocol/signed_request.ts";
import { sampleReport } from "../tools/sample_report.ts";
import { findPostgresBin, startThrowawayPostgres } from "../tools/throwaway_postgres.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    json: { type: "boolean", default: false },
    n: { type: "string", default: "8000" },
    rate: { type: "string", default: "500" },
    // Serve the service with Deno.serve instead of its own server (what that server costs).
    "deno-serve": { type: "boolean", default: false },
    "no-pg": { type: "boolean", default: false },
  },
});
const N = Number(values.n);
const RATE = Number(values.rate);
const RATE_SECONDS = 4;
const IN_FLIGHT = 32;
const SERVER = fileURLToPath(new URL("./ingest_server.ts", import.meta.url));

interface Prepared {
  body: Uint8Array;
  headers: Record<string, string>;
}

async function prepare(count: number): Promise<Prepared[]> {
  const keys = await Promise.all(Array.from({ length: 400 }, generateInstallKey));
  const now = Date.now();
  return await Promise.all(Array.from({ length: count }, async (_, i) => {
    const id = crypto.randomUUID();
    const report = sampleReport({
      id,
      timestamp: new Date(now).toISOString(),
      request: {
        intent_category: "file_management",
        shape: `delete log files older than <NUM> days in <PATH> variant ${i % 40}`,
        complexity_score: 30,
      },
    });
    const body = new TextEncoder().encode(JSON.stringify(report));
    const signed = await signRequest(keys[i % keys.length], {
      method: "POST",
      pathAndQuery: "/v1/reports",
      body,
    }, now);
    return {
      body,
      headers: { "content-type": "application/json", "idempotency-key": id, ...signed },
    };
  }));
}

async function startServer(mode: "bare" | "ingest", db?: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      SERVER,
      mode,
      ...(db ? [db] : []),
      ...(values["deno-serve"] ? ["--deno-serve"] : []),
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${mode} server did not start`);
    text += value;
  }
  const stderr = new Response(child.stderr).text();
  return {
    url: `http://127.0.0.1:${text.trim()}/v1/reports`,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await reader.cancel();
      return await stderr;
    },
  };
}

async function send(url: string, request: Prepared, expect: number): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: request.headers,
    body: request.body as BodyInit,
  });
  await res.arrayBuffer();
  if (res.status !== expect) throw new Error(`answer ${res.status}, expected ${expect}`);
  return performance.now() - start;
}

async function throughput(url: string, requests: Prepared[], expect: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < requests.length) await send(url, requests[next++], expect);
  }));
  return requests.length / ((performance.now() - start) / 1000);
}

async function fixedRate(url: string, requests: Prepared[], expect: number) {
  const total = RATE * RATE_SECONDS;
  const latencies: Promise<number>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    latencies.push(send(url, requests[i], expect));
  }
  const sorted = (await Promise.all(latencies)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

const ROUNDS = 5;

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const perRound = Math.floor(N / ROUNDS);
const warm = 300;
const rated = RATE * RATE_SECONDS;
const prepared = await prepare(warm + perRound * ROUNDS + rated);
const bare = await startServer("bare");
const ingest = await startServer("ingest");
const pgBin = values["no-pg"] ? undefined : await findPostgresBin(Deno.env.get("CARO_PG_BIN"));
const cluster = pgBin ? await startThrowawayPostgres(pgBin) : undefined;
const pg = cluster ? await startServer("ingest", cluster.url) : undefined;
let result;
try {
  await throughput(bare.url, prepared.slice(0, warm), 200);
  await throughput(ingest.url, prepared.slice(0, warm), 201);
  if (pg) await throughput(pg.url, prepared.slice(0, warm), 201);
  const pgRates: number[] = [];
  // Interleaved rounds: both servers see the same machine noise; medians of each and of the ratios.
  const bareRates: number[] = [];
  const ingestRates: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const chunk = prepared.slice(warm + r * perRound, warm + (r + 1) * perRound);
    const b = await throughput(bare.url, chunk, 200);
    const i = await throughput(ingest.url, chunk, 201);
    if (pg) pgRates.push(await throughput(pg.url, chunk, 201));
    bareRates.push(b);
    ingestRates.push(i);
    ratios.push(i / b);
  }
  const tail = prepared.slice(warm + ROUNDS * perRound);
  const bareLatency = await fixedRate(bare.url, tail, 200);
  const ingestLatency = await fixedRate(ingest.url, tail, 201);
  const ratio = medianOf(ratios);
  const reportsPerS = medianOf(ingestRates);
  result = {
    reports_per_s: Math.round(reportsPerS),
    bare_per_s: Math.round(medianOf(bareRates)),
    ratio_to_bare: Number(ratio.toFixed(3)),
    rounds: ROUNDS,
    rate_per_s: RATE,
    ingest_p50_ms: Number(ingestLatency.p50.toFixed(2)),
    ingest_p99_ms: Number(ingestLatency.p99.toFixed(2)),
    bare_p50_ms: Number(bareLatency.p50.toFixed(2)),
    bare_p99_ms: Number(bareLatency.p99.toFixed(2)),
    targets_met: reportsPerS >= 1000 && ratio >= 0.25,
    pg_reports_per_s: pg ? Math.round(medianOf(pgRates)) : null,
    pg_to_sqlite: pg ? Number((medianOf(pgRates) / reportsPerS).toFixed(3)) : null,
  };
} finally {
  await bare.stop();
  await ingest.stop();
  await pg?.stop();
  await cluster?.stop();
}
const out = values.json ? JSON.stringify(result) : [
  `ingest (SQLite, one core): ${result.reports_per_s} reports/s; bare Deno.serve: ${result.bare_per_s} req/s; ratio ${
    (result.ratio_to_bare * 100).toFixed(1)
  } % (median of ${ROUNDS} interleaved rounds; targets ≥ 1,000/s and ≥ 25 %: ${
    result.targets_met ? "met" : "NOT met"
  })`,
  result.pg_reports_per_s === null
    ? `ingest (PostgreSQL): ${
      values["no-pg"] ? "left out (--no-pg)" : "no PostgreSQL binaries found"
    }`
    : `ingest (PostgreSQL, one replica): ${result.pg_reports_per_s} reports/s = ${
      (result.pg_to_sqlite! * 100).toFixed(1)
    } % of SQLite in the same rounds (target ≥ 50 %)`,
  `at ${RATE}/s: ingest p50 ${result.ingest_p50_ms} ms, p99 ${result.ingest_p99_ms} ms; bare p50 ${result.bare_p50_ms} ms, p99 ${result.bare_p99_ms} ms`,
].join("\n");
Deno.stdout.writeSync(new TextEncoder().encode(out + "\n"));
