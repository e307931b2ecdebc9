/**
 * Replicas are a supported deployment: three service processes on one
 * PostgreSQL database and one slow fake GitHub (every answer 40 ms late).
 * Reports of 10 problems arrive round-robin on all three, in waves, so a
 * case's `github.case` job is queued again while one runs elsewhere; one
 * replica is killed with SIGKILL in the middle of GitHub work. Afterwards:
 * exactly one issue per case (no duplicate), no dead job, nothing left
 * running or pending, and the per-address quota of distinct young keys held
 * exactly as on one instance (the hashing key is shared through the
 * database, not given by the operator).
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import postgres from "postgres";
import { generateInstallKey, type InstallKey } from "../../src/protocol/signed_request.ts";
import { openStore } from "../../src/service/store/open_store.ts";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import {
  type ServiceProcess,
  startService,
  UNLIMITED_QUOTAS,
} from "../../tools/service_process.ts";
import { postReport, sampleReport } from "../_support/service_harness.ts";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";

const CASES = 10;
const YOUNG_KEYS_PER_SOURCE = 45;
const WORDS =
  "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar"
    .split(" ");

/** A report of problem `n` (request shapes differ in words: numbers are parameterised away). */
const problem = (n: number) =>
  sampleReport({
    request: { intent_category: "file_management", shape: `rotate the ${WORDS[n]} archives` },
  });

Deno.test({
  name:
    "3 replicas on one PostgreSQL, slow GitHub, one kill -9: one issue per case, no dead job, quotas as one instance",
  ignore: !TEST_PG_URL,
  async fn() {
    const db = await createTestDatabase(TEST_PG_URL!);
    const dir = await Deno.makeTempDir({ prefix: "caro-replicas-" });
    const firstWrite = Promise.withResolvers<void>();
    const gh = await startFakeGitHub({
      delayMs: 40,
      onRequest: (line) => line.startsWith("POST") && firstWrite.resolve(),
    });
    // Migrate once so the replicas race on data, not on the schema.
    await (await openStore(db.url)).close();
    const env = {
      ...UNLIMITED_QUOTAS,
      CARO_LIMIT_SOURCE_YOUNG_INSTALLS_PER_HOUR: String(YOUNG_KEYS_PER_SOURCE),
      CARO_GITHUB_REPO: "o/r",
      CARO_GITHUB_TOKEN: "ghp_replicas",
      CARO_GITHUB_API_URL: gh.url,
      CARO_GITHUB_WRITES_PER_MINUTE: "60",
    };
    const replicas: ServiceProcess[] = await Promise.all([0, 1, 2].map((i) =>
      startService({
        db: db.url,
        logFile: join(dir, `replica-${i}.log`),
        env,
        // A lease shorter than a job: Octokit spaces a process's writes 1 s and its issue and
        // PR creations 3 s apart, so a job filing a PR candidate runs ~3.2 s (more under load);
        // its worker renews the lease while it runs, so no other replica claims a live job.
        // The killed replica's job comes back when its lease ends.
        args: ["--outbox-interval-ms", "200", "--outbox-lease-ms", "2000"],
      })
    ));
    try {
      // Waves of reports: 3 installs per problem (enough to file), then more while jobs run.
      const keys: InstallKey[] = await Promise.all(
        Array.from({ length: 3 * CASES }, () => generateInstallKey()),
      );
      let sent = 0;
      const wave = async (targets: ServiceProcess[]) => {
        const answers = await Promise.all(keys.map((key, i) => {
          return postReport(targets[sent++ % targets.length].url, key, problem(i % CASES));
        }));
        for (const res of answers) equal(res.status, 201, await res.text());
      };
      await wave(replicas);
      await firstWrite.promise;
      await replicas[0].stop("SIGKILL");
      const alive = replicas.slice(1);
      await wave(alive);

      // Quotas: new keys from one address on alternating replicas; the young-key quota
      // counts distinct keys across all of them.
      const fresh = await Promise.all(Array.from({ length: 30 }, () => generateInstallKey()));
      const statuses: number[] = [];
      for (const [i, key] of fresh.entries()) {
        const res = await postReport(alive[i % 2].url, key, problem(0));
        statuses.push(res.status);
        await res.body?.cancel();
      }
      const accepted = statuses.filter((s) => s === 201).length;
      equal(accepted + statuses.filter((s) => s === 429).length, fresh.length);
      // The keys above + these: exactly the limit, as one instance would allow.
      equal(3 * CASES + accepted, YOUNG_KEYS_PER_SOURCE);

      // Wait for the outbox to settle (the killed replica's job comes back after its lease).
      const store = await openStore(db.url);
      try {
        for (;;) {
          const counts = await store.outboxCounts();
          if (!counts.pending && !counts.running) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const counts = await store.outboxCounts();
        equal(counts.dead ?? 0, 0, `${JSON.stringify(counts)}: ${await deadJobs(db.url)}`);
        const perCase = new Map<string, number>();
        for (const issue of gh.state.issues) {
          const id = /caro-case: (CARO-\d{4}-\d+)/.exec(issue.body)?.[1] ?? "?";
          perCase.set(id, (perCase.get(id) ?? 0) + 1);
        }
        equal(perCase.size, CASES, `cases with issues: ${[...perCase.keys()]}`);
        deepEqual([...new Set(perCase.values())], [1], "no duplicate issue");
        ok(!perCase.has("?"));
      } finally {
        await store.close();
      }
    } finally {
      for (const replica of replicas) await replica.stop();
      await gh.close();
      await db.drop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** The dead jobs, each with why it died (for a failure message). */
async function deadJobs(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select kind, dedupe_key, attempts, last_error from outbox where state = 'dead'`;
    return JSON.stringify(rows);
  } finally {
    await sql.end();
  }
}
