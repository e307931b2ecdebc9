/**
 * One chaos run over the whole healing loop, on one machine:
 *
 * - the real service (`src/service/main.ts`, SQLite file, quotas raised) behind
 *   the fault proxy ({@link startFaultProxy}), which picks a fault per connection;
 * - N rounds; each starts `clientsPerRound` real `caro report` processes
 *   (consent by flag, `CARO_HOME` per simulated install, the endpoint = the
 *   proxy), most reporting a new failure and some one already reported from
 *   another install; now and then a `caro queue flush --json`; some processes
 *   are SIGKILLed at a random moment (while queueing, sending, flushing);
 *   sometimes the service is restarted (SIGTERM or SIGKILL) on the same file,
 *   or the network goes down for 1–4 s (every connection refused);
 *   sometimes a crash temp file is left in a queue (what a writer killed
 *   mid-write leaves, some old enough that the reader must clean them);
 * - at the end every queue is flushed with the proxy in pass mode, the service
 *   is stopped, its SQLite file read, the queues inspected, and
 *   {@link judgeChaos} gives the verdict.
 *
 * Processes run concurrently (a pool), so rounds overlap: restarts and kills
 * land while other clients are in flight.
 *
 * @module
 */
import { join } from "node:path";
import { caroDirs } from "../../src/platform/dirs.ts";
import { queueDir } from "../../src/healing/queue/queue_paths.ts";
import { MAX_RETRY_AFTER_MS } from "../../src/healing/submit/post_report.ts";
import { TEMP_PREFIX } from "../../src/platform/write_atomic.ts";
import { parseFlushOutput, parseReportOutput, runCaroProcess } from "./caro_process.ts";
import { type ChaosVerdict, judgeChaos, type Launch } from "./chaos_verdict.ts";
import { type FaultKind, startFaultProxy } from "./fault_proxy.ts";
import { inspectQueues } from "./inspect_queues.ts";
import { readStoredReports } from "./read_service_db.ts";
import { seededRandom } from "./seeded_random.ts";
import { type ServiceProcess, startService, UNLIMITED_QUOTAS } from "../service_process.ts";

/** Knobs of a chaos run; all but `runs` and `seed` have defaults. */
export interface ChaosOptions {
  runs: number;
  seed: number;
  /** Simulated installs (each its own CARO_HOME, key and queue). Default 8. */
  installs?: number;
  /** `caro report` processes per round. Default 2. */
  clientsPerRound?: number;
  /** caro processes alive at once. Default 6. */
  concurrency?: number;
  /** Share of processes SIGKILLed at a random moment. Default 0.2. */
  killRate?: number;
  /**
   * Share of `caro report` processes sent SIGINT (Ctrl-C) 0–400 ms after a
   * report was written ahead in their install's queue: mid-send. Default 0.15.
   */
  interruptRate?: number;
  /**
   * Share of processes SIGKILLed at their install's first queue write (a temp
   * file appearing; every report writes one now, ahead of sending). Default 0.15.
   */
  writeKillRate?: number;
  /** Share of rounds that also run `caro queue flush`. Default 0.25. */
  flushRate?: number;
  /** Share of rounds that restart the service (plus one mid-run). Default 0.04. */
  restartRate?: number;
  /** Share of rounds that leave a crash temp file in a queue. Default 0.05. */
  debrisRate?: number;
  /** Share of rounds that start an outage (every connection refused for 1–4 s). Default 0.03. */
  outageRate?: number;
  /**
   * The caro every process runs: main.ts of this checkout (the default) or a
   * bundle's entry chunk (the same code, each process starting sooner).
   */
  caroEntry?: string;
  /** Keep the work directory (database, queues, service log) even when all is well. */
  keep?: boolean;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
}

/** What a chaos run did and found. */
export interface ChaosResult {
  rounds: number;
  verdict: ChaosVerdict;
  /** Connections per injected fault kind (and `pass`). */
  faults: Record<FaultKind, number>;
  connections: number;
  /** Connections that found the service down (during restarts). */
  serviceDown: number;
  restarts: number;
  /** Outages (every connection refused for 1–4 s). */
  outages: number;
  flushes: number;
  flushesKilled: number;
  /** Processes killed the moment a queue temp file appeared. */
  killsAtWrite: number;
  /** `caro report` processes interrupted (SIGINT) while sending. */
  interrupts: number;
  debris: { stale: number; fresh: number };
  durationMs: number;
  /** Kept when the verdict has violations or `keep` was asked for. */
  workDir?: string;
}

/**
 * Checks the rate limit an install recorded is at most 24 h ahead (else
 * notes it in `uncapped`), then moves past it: the file is removed, as a day
 * passing would end it.
 */
async function passRateLimit(dataDir: string, uncapped: string[]): Promise<void> {
  const path = join(queueDir(dataDir), "rate_limit.json");
  let until: unknown;
  try {
    until = JSON.parse(await Deno.readTextFile(path)).until;
  } catch {
    return; // none recorded
  }
  if (typeof until !== "number" || until > Date.now() + MAX_RETRY_AFTER_MS + 60_000) {
    uncapped.push(`${path}: until ${until}`);
  }
  await Deno.remove(path).catch(() => {});
}

/** Rounds that stand for a day: recorded rate limits (≤ 24 h) are passed after each. */
const DAY_ROUNDS = 50;

/** A client still running after this long is killed (the CLI's own budget is 60 s). */
const CLIENT_DEADLINE_MS = 70_000;
/**
 * `Retry-After` values of injected 429/503 answers. 60 s is past the client's
 * whole 60 s budget: it queues at once and its install stays rate-limited for
 * a minute, so later reports from it are queued without a try.
 */
const RETRY_AFTER_CHOICES_S = [1, 1, 1, 2, 60] as const;

/**
 * The error code of the n-th distinct failure of a run: letters only, so no
 * folding of digits can merge two failures.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureCode } from "./chaos_run.ts";
 * assert(failureCode(7, 0) === "CHAOS_H_A" && failureCode(7, 27) === "CHAOS_H_BB");
 * ```
 */
export function failureCode(seed: number, n: number): string {
  const letters = (value: number) => {
    let text = "";
    do {
      text = String.fromCharCode(65 + (value % 26)) + text;
      value = Math.floor(value / 26);
    } while (value > 0);
    return text;
  };
  return `CHAOS_${letters(seed)}_${letters(n)}`;
}

/**
 * Runs the chaos scenario and judges it.
 *
 * @example
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { runChaos } from "./chaos_run.ts";
 * const result = await runChaos({ runs: 5, seed: 1 });
 * assert(result.verdict.lost.length === 0);
 * ```
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = performance.now();
  const installCount = options.installs ?? 8;
  const perRound = options.clientsPerRound ?? 2;
  const concurrency = options.concurrency ?? 6;
  const killRate = options.killRate ?? 0.2;
  const flushRate = options.flushRate ?? 0.25;
  const restartRate = options.restartRate ?? 0.04;
  const debrisRate = options.debrisRate ?? 0.05;
  const writeKillRate = options.writeKillRate ?? 0.15;
  const interruptRate = options.interruptRate ?? 0.15;
  const outageRate = options.outageRate ?? 0.03;
  const progress = options.progress ?? (() => {});
  const random = seededRandom(options.seed ^ 0x5eed);

  const workDir = await Deno.makeTempDir({ prefix: "caro-chaos-" });
  const db = join(workDir, "healing.db");
  const logFile = join(workDir, "service.log");
  const homes = Array.from({ length: installCount }, (_, k) => join(workDir, `install-${k}`));
  const dataDirs = homes.map((home) =>
    caroDirs((name) => (name === "CARO_HOME" ? home : undefined), Deno.build.os).data
  );

  let service: ServiceProcess = await startService({ db, logFile, env: { ...UNLIMITED_QUOTAS } });
  const proxy = startFaultProxy({
    upstreamPort: service.port,
    seed: options.seed,
    retryAfterS: RETRY_AFTER_CHOICES_S,
  });
  const envFor = (home: string) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: proxy.url });
  const entry = options.caroEntry;

  const launches: Launch[] = [];
  const flushedCases = new Map<string, string>();
  const failures: string[] = [];
  const plantedStale: string[] = [];
  let plantedFresh = 0;
  let restarts = 0;
  let flushes = 0;
  let flushesKilled = 0;
  let killsAtWrite = 0;
  let interrupts = 0;
  const unsafeOutputs: string[] = [];
  const uncappedRateLimits: string[] = [];
  let outages = 0;
  let outageEnd: ReturnType<typeof setTimeout> | undefined;
  const running = new Set<Promise<void>>();
  const spawn = async (work: () => Promise<void>) => {
    while (running.size >= concurrency) await Promise.race(running);
    const job = work().finally(() => running.delete(job));
    running.add(job);
  };
  const killMoment = () => random.chance(killRate) ? random.int(30, 1200) : CLIENT_DEADLINE_MS;
  /** For a share of reports: Ctrl-C (SIGINT) 0–400 ms after a report is written ahead in its install. */
  const interruptMoment = async (home: string) => {
    if (!random.chance(interruptRate)) return undefined;
    const dir = queueDir(dataDirs[homes.indexOf(home)]);
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    return { dir, afterMs: random.int(0, 400) };
  };
  const noteOutput = (args: string[], run: { unsafeOutput: boolean; stdout: string }) => {
    if (run.unsafeOutput) {
      unsafeOutputs.push(`caro ${args.join(" ")}: ${JSON.stringify(run.stdout)}`);
    }
  };

  /** For a share of processes: SIGKILL at the first temp file in the install's queue. */
  const writeKill = async (home: string) => {
    if (!random.chance(writeKillRate)) return undefined;
    const dir = queueDir(dataDirs[homes.indexOf(home)]);
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    return { dir, tempPrefix: TEMP_PREFIX };
  };
  const report = (home: string, failure: string, killAfterMs: number) => async () => {
    const run = await runCaroProcess([
      "--healing-consent",
      "standard",
      "report",
      "--request",
      `chaos failure ${failure.toLowerCase().replaceAll("_", " ")}`,
      "--failure-type",
      "generation",
      "--stage",
      "inference",
      "--error-code",
      failure,
    ], {
      env: envFor(home),
      entry,
      killAfterMs,
      killOnWrite: await writeKill(home),
      interruptOnQueued: await interruptMoment(home),
    });
    if (run.killedAtWrite) killsAtWrite++;
    if (run.interrupted) interrupts++;
    noteOutput(["report"], run);
    launches.push({
      failure,
      outcome: parseReportOutput(run.stdout),
      killed: run.killed || run.interrupted,
    });
  };
  const flush = (home: string, killAfterMs: number, final = false) => async () => {
    const run = await runCaroProcess(["queue", "flush", "--json"], {
      env: envFor(home),
      entry,
      killAfterMs,
      killOnWrite: final ? undefined : await writeKill(home),
    });
    flushes++;
    noteOutput(["queue", "flush", "--json"], run);
    if (run.killed) flushesKilled++;
    if (run.killedAtWrite) killsAtWrite++;
    for (const r of parseFlushOutput(run.stdout).reports) {
      if (r.status === "submitted" && r.caseId) flushedCases.set(r.reportId, r.caseId);
    }
  };
  const plantDebris = async (dataDir: string) => {
    const dir = queueDir(dataDir);
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    const id = crypto.randomUUID();
    const path = join(dir, `${TEMP_PREFIX}${id}.report.${crypto.randomUUID()}`);
    const partial = `{"v":1,"report_id":"${id}","queued_at":${Date.now()},"attem`;
    await Deno.writeTextFile(path, partial.slice(0, random.int(1, partial.length)), {
      mode: 0o600,
    });
    if (random.chance(0.5)) {
      const old = new Date(Date.now() - 3_600_000);
      await Deno.utime(path, old, old);
      plantedStale.push(path);
    } else plantedFresh++;
  };

  try {
    const every = Math.max(1, Math.floor(options.runs / 20));
    for (let round = 0; round < options.runs; round++) {
      for (let c = 0; c < perRound; c++) {
        const again = failures.length > 0 && random.chance(0.2);
        const failure = again ? random.pick(failures) : failureCode(options.seed, failures.length);
        if (!again) failures.push(failure);
        await spawn(report(random.pick(homes), failure, killMoment()));
      }
      if (random.chance(flushRate)) {
        await spawn(
          flush(random.pick(homes), random.chance(0.4) ? random.int(30, 1200) : CLIENT_DEADLINE_MS),
        );
      }
      if (random.chance(debrisRate)) await plantDebris(random.pick(dataDirs));
      if (outageEnd === undefined && random.chance(outageRate)) {
        outages++;
        proxy.setMode("down");
        outageEnd = setTimeout(() => {
          proxy.setMode("faults");
          outageEnd = undefined;
        }, random.int(1000, 4000));
      }
      // At least one restart per run (mid-run), more at random.
      const midRun = round === Math.floor(options.runs / 2);
      if (round > 0 && (midRun || random.chance(restartRate))) {
        await service.stop(random.chance(0.5) ? "SIGKILL" : "SIGTERM");
        service = await startService({ db, logFile, env: { ...UNLIMITED_QUOTAS } });
        proxy.setUpstreamPort(service.port);
        restarts++;
      }
      // A day passes now and then: an install the service told to wait (up to
      // 24 h, an absurd Retry-After capped) sends again, as it would tomorrow.
      if ((round + 1) % DAY_ROUNDS === 0) {
        for (const dir of dataDirs) await passRateLimit(dir, uncappedRateLimits);
      }
      if ((round + 1) % every === 0) {
        progress(
          `round ${round + 1}/${options.runs}: ${launches.length} reports, ${restarts} restarts, ${
            ((performance.now() - started) / 1000).toFixed(0)
          } s`,
        );
      }
    }
    await Promise.all([...running]);

    // Final flush: no more faults. An install the service rate-limited keeps its
    // reports until then, as it should (up to 24 h: an absurd Retry-After is
    // capped). The run does not wait a day: it checks the recorded limit is
    // within 24 h, then moves past it (removes the limit file, as time would),
    // and flushes; repeat while a queue still holds reports.
    clearTimeout(outageEnd);
    proxy.setMode("pass");
    for (let attempt = 0; attempt < 4; attempt++) {
      const { leftovers } = await inspectQueues(dataDirs, []);
      if (leftovers.entries.length === 0) break;
      for (const dir of dataDirs) await passRateLimit(dir, uncappedRateLimits);
      await Promise.all(homes.map((home) => flush(home, CLIENT_DEADLINE_MS, true)()));
    }
  } finally {
    clearTimeout(outageEnd);
    await Promise.allSettled([...running]);
    await service.stop("SIGTERM");
    await proxy.close();
  }

  const stats = proxy.stats();
  const { leftovers, dropped } = await inspectQueues(dataDirs, plantedStale);
  const verdict = judgeChaos({
    launches,
    flushedCases,
    dropped,
    stored: readStoredReports(db),
    leftovers,
    upstreamStatuses: stats.upstreamStatuses,
    unsafeOutputs,
    uncappedRateLimits,
  });
  const keep = options.keep || verdict.violations.length > 0;
  if (!keep) await Deno.remove(workDir, { recursive: true });
  return {
    rounds: options.runs,
    verdict,
    faults: stats.faults,
    connections: stats.connections,
    serviceDown: stats.upstreamUnreachable,
    restarts,
    outages,
    flushes,
    flushesKilled,
    killsAtWrite,
    interrupts,
    debris: { stale: plantedStale.length, fresh: plantedFresh },
    durationMs: performance.now() - started,
    workDir: keep ? workDir : undefined,
  };
}
