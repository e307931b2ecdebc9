/**
 * `deno task chaos -- --runs N --seed S [--json] [--keep]`: the reliability
 * proof. Scenario knobs: `--installs K --concurrency C --kill-rate P
 * --restart-rate P --flush-rate P` (defaults in {@link runChaos}). Runs {@link runChaos} and prints the counts: reports accepted,
 * delivered, lost (must be 0), duplicated (must be 0), faults injected by
 * kind, restarts and kills, then every violation. Exit code 0 only when
 * there is none. Progress goes to stderr.
 *
 * `deno task chaos -- replicas [--cases N --waves W --kills K] [--json]`:
 * the replicas scenario, long (defaults 10 cases, 6 waves, 3 replicas
 * killed with SIGKILL and restarted; GitHub writes are limited to 60 a
 * minute across them, so it takes a few minutes), on a throwaway PostgreSQL cluster
 * ({@link runReplicas}; the suite runs it short).
 *
 * @module
 */
import { type ChaosResult, runChaos } from "./chaos_run.ts";
import { serviceIsPresent } from "../service_process.ts";
import { runReplicas } from "./replicas_run.ts";
import { findPostgresBin, startThrowawayPostgres } from "../throwaway_postgres.ts";

const encoder = new TextEncoder();
const say = (line: string) => Deno.stdout.writeSync(encoder.encode(`${line}\n`));
const note = (line: string) => Deno.stderr.writeSync(encoder.encode(`${line}\n`));

/**
 * The human summary of a chaos run, one fact per line.
 *
 * @example
 * ```ts ignore
 * import { formatChaosResult } from "./chaos.ts";
 * formatChaosResult(result).forEach((line) => console.log(line));
 * ```
 */
export function formatChaosResult(result: ChaosResult): string[] {
  const v = result.verdict;
  const injected = Object.entries(result.faults)
    .filter(([kind, n]) => kind !== "pass" && n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  const injectedTotal = Object.entries(result.faults)
    .filter(([kind]) => kind !== "pass")
    .reduce((sum, [, n]) => sum + n, 0);
  return [
    `rounds ${result.rounds} in ${(result.durationMs / 1000).toFixed(1)} s`,
    `report processes ${v.launched} (SIGKILLed or interrupted ${v.killed}; SIGINT mid-send ${result.interrupts}), flushes ${result.flushes} (SIGKILLed ${result.flushesKilled}); killed at a queue write ${result.killsAtWrite}`,
    `accepted ${v.accepted} (submitted ${v.acceptedSubmitted}, queued ${v.acceptedQueued}), rejected ${v.rejected}`,
    `delivered ${v.delivered}, plus ${v.deliveredUnacknowledged} stored from processes killed before they answered`,
    `lost ${v.lost.length}${
      v.droppedByCap.length
        ? ` (and ${v.droppedByCap.length} dropped by a full queue's cap, by design, recorded)`
        : ""
    }`,
    `duplicated ${v.duplicated}, cases created twice ${v.splitFailures.length}, cases mixing failures ${v.mixedCases.length}`,
    `service 5xx not injected ${v.serviceErrors}, case told ≠ case stored ${v.caseMismatches.length}`,
    `faults injected ${injectedTotal} over ${result.connections} connections: ${
      injected.join(", ")
    }`,
    `service restarts ${result.restarts} (connections that found it down ${result.serviceDown}), outages ${result.outages}, crash temp files planted ${
      result.debris.stale + result.debris.fresh
    } (stale ${result.debris.stale})`,
    ...v.violations.slice(0, 50).map((violation) => `VIOLATION ${violation}`),
    ...(v.violations.length > 50 ? [`… ${v.violations.length - 50} more violations`] : []),
    ...(result.workDir ? [`work directory kept: ${result.workDir}`] : []),
    v.violations.length === 0 ? "OK: nothing lost, nothing twice" : "FAILED",
  ];
}

async function main(args: string[]): Promise<number> {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    const value = at >= 0 ? Number(args[at + 1]) : fallback;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${name} needs a whole number, got ${args[at + 1]}`);
    }
    return value;
  };
  const rate = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = Number(args[at + 1]);
    if (!(value >= 0 && value <= 1)) throw new Error(`${name} needs a share from 0 to 1`);
    return value;
  };
  if (!(await serviceIsPresent())) {
    note("chaos: the healing service (src/service/main.ts) is not in this checkout yet");
    return 2;
  }
  if (args.find((arg) => arg !== "--") === "replicas") {
    return await replicas(option, args.includes("--json"));
  }
  const result = await runChaos({
    runs: option("--runs", 50),
    seed: option("--seed", 1),
    installs: option("--installs", 8),
    concurrency: option("--concurrency", 6),
    killRate: rate("--kill-rate"),
    restartRate: rate("--restart-rate"),
    flushRate: rate("--flush-rate"),
    keep: args.includes("--keep"),
    progress: note,
  });
  if (args.includes("--json")) say(JSON.stringify(result));
  else formatChaosResult(result).forEach(say);
  return result.verdict.violations.length === 0 ? 0 : 1;
}

/** The long replicas run on a throwaway cluster; its verdict printed, exit 0 when it held. */
async function replicas(
  option: (name: string, fallback: number) => number,
  json: boolean,
): Promise<number> {
  const bin = await findPostgresBin(Deno.env.get("CARO_PG_BIN"));
  if (!bin) {
    note(
      "chaos replicas: needs PostgreSQL's initdb and pg_ctl (Debian's postgresql, or CARO_PG_BIN)",
    );
    return 2;
  }
  const cluster = await startThrowawayPostgres(bin);
  const workDir = await Deno.makeTempDir({ prefix: "caro-chaos-replicas-" });
  try {
    const verdict = await runReplicas({
      pgUrl: cluster.url,
      workDir,
      cases: option("--cases", 10),
      waves: option("--waves", 6),
      kills: option("--kills", 3),
      progress: note,
    });
    if (json) say(JSON.stringify(verdict));
    else {
      const issues = Object.values(verdict.issuesPerCase);
      say(`reports ${verdict.reports}, replicas killed ${verdict.killed}`);
      say(`cases with an issue ${issues.length}, issues ${issues.reduce((a, b) => a + b, 0)}`);
      say(`outbox ${JSON.stringify(verdict.outbox)}`);
      say(
        `young keys from one address accepted ${verdict.quota.accepted} of ${verdict.quota.allowed}`,
      );
      verdict.violations.forEach((violation) => say(`VIOLATION ${violation}`));
      say(verdict.violations.length === 0 ? "OK: one issue per case, no dead job" : "FAILED");
    }
    return verdict.violations.length === 0 ? 0 : 1;
  } finally {
    await cluster.stop();
    await Deno.remove(workDir, { recursive: true });
  }
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
