/**
 * The outbox against a misbehaving GitHub: 502, then a secondary rate limit
 * (403 + retry-after), then OK → exactly one issue, with the job retried at
 * the times GitHub named. Clock injected; no waiting.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { createGitHubClient } from "../../src/service/github/client.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { drainOutbox, type DrainPort } from "../../src/service/outbox/drain_outbox.ts";
import type { ClaimedJob } from "../../src/service/store/outbox_port.ts";
import {
  type GitHubJob,
  type GitHubJobDeps,
  runGitHubJob,
} from "../../src/service/github/github_jobs.ts";
import type { CaseIssueView } from "../../src/service/github/issue_body.ts";
import { githubDepsFromStore } from "../../src/service/github/store_github_deps.ts";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

/** A list-backed outbox with the port's semantics, for this driver test only. */
function memoryOutbox() {
  const rows: (ClaimedJob & { dueAt: number; state: string; reason?: string })[] = [];
  const port: DrainPort = {
    claimDue: (now, limit, kinds) => {
      const due = rows.filter((r) =>
        r.state === "pending" && r.dueAt <= now && kinds.includes(r.kind)
      )
        .slice(0, limit);
      due.forEach((r) => {
        r.state = "claimed";
        r.attempt++;
      });
      return Promise.resolve(due.map((r) => ({ ...r })));
    },
    leaseMs: 300_000, // no lease expires here: claims are exclusive until settled
    renewLease: () => Promise.resolve(),
    complete: (id) => Promise.resolve(void (rows.find((r) => r.id === id)!.state = "done")),
    retryLater: (id, at, reason) => {
      Object.assign(rows.find((r) => r.id === id)!, { state: "pending", dueAt: at, reason });
      return Promise.resolve();
    },
    fail: (id, reason) => {
      Object.assign(rows.find((r) => r.id === id)!, { state: "dead", reason });
      return Promise.resolve();
    },
  };
  return {
    port,
    rows,
    add: (job: GitHubJob, dueAt: number) =>
      rows.push({
        id: String(rows.length + 1),
        kind: job.kind,
        payload: job,
        attempt: 0,
        dueAt,
        state: "pending",
      }),
  };
}

const VIEW: CaseIssueView = {
  caseId: "CARO-2026-001",
  token: "c0".repeat(16),
  title: "safety blocked a scoped cleanup",
  category: "rule_gap",
  confidence: 90,
  reasons: ["rule rm-recursive blocked a find -mtime"],
  failureType: "safety_blocked",
  stage: "safety",
  requestShape: "delete logs older than <NUM> days",
  context: [],
  versions: ["1.2.0"],
  platforms: ["linux/bash"],
  reports: 1,
  installs: 1,
  caseUrl: "http://127.0.0.1/cases/CARO-2026-001",
};

Deno.test("outbox: 502, then 403 secondary rate limit, then OK → exactly one issue", async () => {
  const gh = await startFakeGitHub();
  try {
    let clock = Date.UTC(2026, 10, 25, 12);
    const t0 = clock;
    const github = createGitHubClient({
      auth: { token: "ghp_example" },
      baseUrl: gh.url,
      spaceWrites: false,
      msPerRetrySecond: 1,
      maxInProcessWaitSeconds: 5,
    });
    const links = new Map<string, object>();
    const deps: GitHubJobDeps = {
      github,
      repo: { owner: "caro-sh", repo: "caro" },
      baseBranch: "main",
      loadCase: () =>
        Promise.resolve({
          view: VIEW,
          link: { ...links.get(VIEW.caseId) },
          ruleGap: { requestShape: VIEW.requestShape!, safetyRuleIds: ["rm-recursive"] },
        }),
      saveLink: (id, link) => Promise.resolve(void links.set(id, link)),
      casesAwaitingRelease: () => Promise.resolve([]),
      markFixedIn: () => Promise.resolve(),
    };
    const outbox = memoryOutbox();
    outbox.add({ kind: "github.case", caseId: VIEW.caseId }, clock);
    gh.inject(
      { kind: "502", method: "POST", path: /\/issues$/ },
      { kind: "secondary", method: "POST", path: /\/issues$/, seconds: 120 },
    );
    const drain = () =>
      drainOutbox(
        outbox.port,
        ["github.case"],
        (job) => runGitHubJob(job.payload as GitHubJob, deps),
        () => clock,
      );

    deepEqual(await drain(), { done: 0, retried: 1, failed: 0 });
    equal(outbox.rows[0].dueAt, t0 + 30_000, "backoff after 502");
    clock += 10_000;
    deepEqual(await drain(), { done: 0, retried: 0, failed: 0 }, "not due yet");
    clock = t0 + 30_000;
    deepEqual(await drain(), { done: 0, retried: 1, failed: 0 });
    equal(outbox.rows[0].dueAt, clock + 120_000, "retry-after honoured");
    match(outbox.rows[0].reason ?? "", /rate limited \(403\)/);
    clock += 120_000;
    deepEqual(await drain(), { done: 1, retried: 0, failed: 0 });

    equal(gh.state.issues.length, 1);
    equal(gh.state.pulls.length, 1, "rule gap → one PR candidate");
    equal(outbox.rows[0].state, "done");
    equal(outbox.rows[0].attempt, 3);
    deepEqual(
      gh.state.requests.filter((r) => r.startsWith("POST /repos/caro-sh/caro/issues")).length,
      3,
      "three create attempts, one issue",
    );
  } finally {
    await gh.close();
  }
});

Deno.test("durable outbox: 502, restart, 403 secondary, 502 on POST /pulls, OK → one issue, exactly one PR, links saved", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const gh = await startFakeGitHub();
      const db = await freshDatabase(kind);
      let store = await db.open();
      try {
        let clock = Date.UTC(2026, 10, 25, 12);
        const github = createGitHubClient({
          auth: { token: "ghp_example" },
          baseUrl: gh.url,
          spaceWrites: false,
          msPerRetrySecond: 1,
          maxInProcessWaitSeconds: 5,
        });
        const options = {
          github,
          repo: { owner: "caro-sh", repo: "caro" },
          baseBranch: "main",
          publicUrl: "http://127.0.0.1:8080",
          k: 1,
          now: () => clock,
        };
        const ingest = (i: number) =>
          recordReport(store, {
            reportId: crypto.randomUUID(),
            installKey: `install-${i}`,
            signatureKey: "0123456789abcdef",
            keyVersion: "v1",
            receivedAt: clock,
            caroVersion: "1.2.0",
            body: {},
            seed: {
              title: VIEW.title,
              category: "rule_gap",
              confidence: 90,
              reasons: VIEW.reasons,
              failureType: "safety_blocked",
              stage: "safety",
              requestShape: VIEW.requestShape,
              platform: "linux/bash",
            },
          });
        await ingest(0);
        await ingest(1);
        await ingest(2); // three young installs: out of triage
        gh.inject(
          { kind: "502", method: "POST", path: /\/issues$/, afterEffect: true },
          { kind: "secondary", method: "PATCH", seconds: 120 },
          { kind: "502", method: "POST", path: /\/pulls$/ },
        );
        const drain = () =>
          drainOutbox(
            store,
            ["github.case"],
            (job) => runGitHubJob(job.payload as GitHubJob, githubDepsFromStore(store, options)),
            () => clock,
          );
        deepEqual(await drain(), { done: 0, retried: 1, failed: 0 }, "502 (the issue was created)");
        await store.close(); // the service restarts: nothing is lost
        store = await db.open();
        await ingest(3); // a duplicate report meanwhile: absorbed by the pending job
        deepEqual(await store.outboxCounts(), { pending: 1 });
        clock += 30_000;
        deepEqual(
          await drain(),
          { done: 0, retried: 1, failed: 0 },
          "found by marker; edit hits 403",
        );
        clock += 120_000;
        deepEqual(await drain(), { done: 0, retried: 1, failed: 0 }, "edited; POST /pulls 502");
        equal(gh.state.pulls.length, 0);
        clock += 3600_000;
        deepEqual(await drain(), { done: 1, retried: 0, failed: 0 }, "branch and file found");
        equal(gh.state.issues.length, 1);
        match(gh.state.issues[0].body, /\*\*4\*\* reports from \*\*4\*\* installs/);
        equal(gh.state.pulls.length, 1);
        equal(
          gh.state.requests.filter((r) => r.startsWith("POST /repos/caro-sh/caro/pulls")).length,
          2,
        );
        const facts = await store.caseFacts("CARO-2026-001");
        equal(facts?.issueNumber, 1);
        equal(facts?.prNumber, 2);
        deepEqual(await store.outboxCounts(), { done: 1 });
      } finally {
        await store.close();
        await db.drop();
        await gh.close();
      }
    });
  }
});
