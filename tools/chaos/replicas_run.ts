/**
 * The replicas scenario (issue 17): three service processes on one
 * PostgreSQL database and one slow fake GitHub. Reports of `cases` problems
 * arrive round-robin on the live replicas in waves, so a case's
 * `github.case` job is queued again while one runs elsewhere; during GitHub
 * work a replica is killed with SIGKILL, `kills` times (restarted while more
 * waves follow). Then new keys from one address on alternating replicas
 * test the young-key quota, and the outbox is left to settle.
 *
 * The verdict: exactly one issue per case, no dead job, nothing left
 * pending or running, and the quota held exactly as on one instance. The
 * suite runs it short (tests/loop/replicas_test.ts); `deno task chaos --
 * replicas` runs it long on a throwaway cluster.
 *
 * @module
 */
import { join } from "node:path";
import postgres from "postgres";
import { generateInstallKey, type InstallKey } from "../../src/protocol/signed_request.ts";
import { openStore } from "../../src/service/store/open_store.ts";
import { startFakeGitHub } from "../fake_github.ts";
import { postReport } from "../post_report.ts";
import { sampleReport } from "../sample_report.ts";
import { type ServiceProcess, startService, UNLIMITED_QUOTAS } from "../service_process.ts";

/** What {@link runReplicas} takes. */
export interface ReplicasOptions {
  /** An empty PostgreSQL database (migrated here). */
  pgUrl: string;
  /** Where the replicas' logs go. */
  workDir: string;
  /** Problems, each filed as one case (default 10). */
  cases?: number;
  /** Waves of reports, one report per key each (default 2). */
  waves?: number;
  /** Replicas SIGKILLed, one after each of the first waves (default 1). */
  kills?: number;
  /** Progress lines. */
  progress?: (line: string) => void;
  /**
   * How long the outbox may take to settle (default 60 s plus 15 s a case: a
   * case's issue and PR candidate take ~6 writes, 60 a minute for all).
   */
  settleMs?: number;
}

/** What {@link runReplicas} found. */
export interface ReplicasVerdict {
  reports: number;
  killed: number;
  /** Issues filed per case id (`?` for an issue naming none). */
  issuesPerCase: Record<string, number>;
  /** Outbox jobs by state once settled. */
  outbox: Record<string, number>;
  /** The dead jobs with their last errors (JSON), for a failure message. */
  deadJobs: string;
  /** Keys from one address accepted after the waves, and how many the quota allows. */
  quota: { accepted: number; allowed: number };
  /** Every promise broken, in words; empty when the run held. */
  violations: string[];
}

/** New young keys one address may bring per hour, beyond those of the waves. */
const QUOTA_HEADROOM = 15;
const WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike " +
  "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu")
  .split(" ");

/** A report of problem `n`: request shapes that differ in words (numbers are folded away). */
function problem(n: number) {
  const name = `${WORDS[n % WORDS.length]} ${WORDS[Math.floor(n / WORDS.length) % WORDS.length]}`;
  return sampleReport({
    request: { intent_category: "file_management", shape: `rotate the ${name} archives` },
  });
}

/**
 * Runs the scenario and returns its verdict (it throws only when the setup
 * fails: a replica that does not start, a database that cannot be reached).
 *
 * @example
 * ```ts ignore
 * const verdict = await runReplicas({ pgUrl, workDir: await Deno.makeTempDir() });
 * if (verdict.violations.length > 0) console.log(verdict.violations);
 * ```
 */
export async function runReplicas(options: ReplicasOptions): Promise<ReplicasVerdict> {
  const cases = options.cases ?? 10;
  const waves = options.waves ?? 2;
  const kills = Math.min(options.kills ?? 1, waves - 1);
  const say = options.progress ?? (() => {});
  const keysInWaves = 3 * cases; // 3 installs per problem: enough to file its issue
  const violations: string[] = [];
  let firstWrite = Promise.withResolvers<void>();
  const gh = await startFakeGitHub({
    delayMs: 40,
    onRequest: (line) => line.startsWith("POST") && firstWrite.resolve(),
  });
  // Migrate once so the replicas race on data, not on the schema.
  await (await openStore(options.pgUrl)).close();
  const env = {
    ...UNLIMITED_QUOTAS,
    CARO_LIMIT_SOURCE_YOUNG_INSTALLS_PER_HOUR: String(keysInWaves + QUOTA_HEADROOM),
    CARO_GITHUB_REPO: "o/r",
    CARO_GITHUB_TOKEN: "ghp_replicas",
    CARO_GITHUB_API_URL: gh.url,
    CARO_GITHUB_WRITES_PER_MINUTE: "60", // the most the service allows, shared by all replicas
  };
  let started = 0;
  const start = () =>
    startService({
      db: options.pgUrl,
      logFile: join(options.workDir, `replica-${started++}.log`),
      env,
      // A lease shorter than a job: Octokit spaces a process's writes 1 s and its issue and
      // PR creations 3 s apart, so a job filing a PR candidate runs ~3.2 s (more under load);
      // its worker renews the lease while it runs, so no other replica claims a live job.
      // A killed replica's job comes back when its lease ends.
      args: ["--outbox-interval-ms", "200", "--outbox-lease-ms", "2000"],
    });
  const replicas: ServiceProcess[] = await Promise.all([0, 1, 2].map(start));
  const down = new Set<ServiceProcess>();
  const running = () => replicas.filter((r) => !down.has(r));
  let killed = 0;
  let reports = 0;
  try {
    const keys: InstallKey[] = await Promise.all(
      Array.from({ length: keysInWaves }, () => generateInstallKey()),
    );
    for (let wave = 0; wave < waves; wave++) {
      const alive = running();
      const answers = await Promise.all(
        keys.map((key, i) =>
          postReport(alive[(reports + i) % alive.length].url, key, problem(i % cases))
        ),
      );
      reports += keys.length;
      for (const res of answers) {
        if (res.status !== 201) violations.push(`a report got ${res.status}: ${await res.text()}`);
        else await res.body?.cancel();
      }
      say(`wave ${wave + 1}: ${keys.length} reports on ${alive.length} replicas`);
      if (wave >= kills) continue;
      await firstWrite.promise; // in the middle of GitHub work
      const victim = killed % replicas.length;
      await replicas[victim].stop("SIGKILL");
      down.add(replicas[victim]);
      killed++;
      say(`replica ${victim} killed with SIGKILL`);
      if (wave + 1 < waves - 1) replicas[victim] = await start(); // back for the next waves
      firstWrite = Promise.withResolvers<void>();
    }

    // Quotas: new keys from one address on alternating replicas; the young-key quota counts
    // distinct keys across all of them, as on one instance.
    const alive = running();
    const fresh = await Promise.all(
      Array.from({ length: 2 * QUOTA_HEADROOM }, () => generateInstallKey()),
    );
    let accepted = 0;
    for (const [i, key] of fresh.entries()) {
      const res = await postReport(alive[i % alive.length].url, key, problem(0));
      if (res.status === 201) accepted++;
      else if (res.status !== 429) violations.push(`a quota probe got ${res.status}`);
      await res.body?.cancel();
    }
    if (accepted !== QUOTA_HEADROOM) {
      violations.push(
        `quota: ${accepted} new keys accepted, one instance allows ${QUOTA_HEADROOM}`,
      );
    }

    const settled = await settle(options.pgUrl, options.settleMs ?? 60_000 + 15_000 * cases);
    if (!settled.ok) {
      violations.push(`the outbox did not settle: ${JSON.stringify(settled.outbox)}`);
    }
    const deadJobs = await listDeadJobs(options.pgUrl);
    if (settled.outbox.dead) violations.push(`${settled.outbox.dead} dead jobs: ${deadJobs}`);
    const issuesPerCase: Record<string, number> = {};
    for (const issue of gh.state.issues) {
      const id = /caro-case: (CARO-\d{4}-\d+)/.exec(issue.body)?.[1] ?? "?";
      issuesPerCase[id] = (issuesPerCase[id] ?? 0) + 1;
    }
    const filed = Object.keys(issuesPerCase).filter((id) => id !== "?");
    if (filed.length !== cases) violations.push(`${filed.length} cases have issues, of ${cases}`);
    for (const [id, n] of Object.entries(issuesPerCase)) {
      if (id === "?") violations.push(`${n} issues name no case`);
      else if (n > 1) violations.push(`${id} has ${n} issues`);
    }
    return {
      reports,
      killed,
      issuesPerCase,
      outbox: settled.outbox,
      deadJobs,
      quota: { accepted, allowed: QUOTA_HEADROOM },
      violations,
    };
  } finally {
    for (const replica of running()) await replica.stop();
    await gh.close();
  }
}

/** Waits until no job is pending or running, or `timeoutMs` passed. */
async function settle(
  url: string,
  timeoutMs: number,
): Promise<{ ok: boolean; outbox: Record<string, number> }> {
  const store = await openStore(url);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outbox = await store.outboxCounts();
      if (!outbox.pending && !outbox.running) return { ok: true, outbox };
      if (Date.now() > deadline) return { ok: false, outbox };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await store.close();
  }
}

/** The dead jobs, each with why it died. */
async function listDeadJobs(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select kind, dedupe_key, attempts, last_error from outbox where state = 'dead'`;
    return JSON.stringify(rows);
  } finally {
    await sql.end();
  }
}
