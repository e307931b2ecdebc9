/**
 * `release.published` → the compare API decides which merged fixes are in the
 * tag; only those cases become fixed in that version and notify reporters.
 */
import { deepEqual, equal } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { createGitHubClient } from "../../src/service/github/client.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { type GitHubJob, runGitHubJob } from "../../src/service/github/github_jobs.ts";
import { githubDepsFromStore } from "../../src/service/github/store_github_deps.ts";
import { drainOutbox } from "../../src/service/outbox/drain_outbox.ts";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

Deno.test("release: a case is fixed in the tag only when the compare API finds its commit there", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const gh = await startFakeGitHub();
      const db = await freshDatabase(kind);
      const store = await db.open();
      try {
        const clock = Date.UTC(2026, 10, 25);
        for (const key of ["k1", "k2"]) {
          await recordReport(store, {
            reportId: crypto.randomUUID(),
            installKey: `install-${key}`,
            signatureKey: key,
            keyVersion: "v1",
            receivedAt: clock,
            caroVersion: "1.2.0",
            body: {},
            seed: {
              title: key,
              category: "platform_incompatibility",
              confidence: 50,
              reasons: [],
              failureType: "execution_failed",
              stage: "execution",
              platform: "macos/zsh",
            },
          });
        }
        const shipped = "1".repeat(40);
        const unreleased = "2".repeat(40);
        await store.setFixCommit("CARO-2026-001", shipped);
        await store.setFixCommit("CARO-2026-002", unreleased);
        gh.state.tags.set("v1.3.0", new Set([shipped]));
        await store.enqueue({
          kind: "github.release",
          payload: { kind: "github.release", tag: "v1.3.0", version: "1.3.0" },
          dedupeKey: "release:v1.3.0",
        }, clock);
        const github = createGitHubClient({
          auth: { token: "ghp_example" },
          baseUrl: gh.url,
          spaceWrites: false,
        });
        const deps = githubDepsFromStore(store, {
          github,
          repo: { owner: "caro-sh", repo: "caro" },
          baseBranch: "main",
          publicUrl: "http://127.0.0.1",
          k: 5,
          now: () => clock,
        });
        deepEqual(
          await drainOutbox(
            store,
            ["github.release"],
            (job) => runGitHubJob(job.payload as GitHubJob, deps),
            () => clock,
          ),
          { done: 1, retried: 0, failed: 0 },
        );
        equal((await store.caseFacts("CARO-2026-001"))?.fixedIn, "1.3.0");
        equal((await store.caseFacts("CARO-2026-002"))?.fixedIn, undefined);
        equal((await store.caseFacts("CARO-2026-002"))?.status, "fix_pending");
        equal((await store.notificationsFor("install-k1", 0)).length, 1);
        equal((await store.notificationsFor("install-k2", 0)).length, 0);
        deepEqual(await store.casesAwaitingRelease(), [{
          caseId: "CARO-2026-002",
          fixSha: unreleased,
        }]);
      } finally {
        await store.close();
        await db.drop();
        await gh.close();
      }
    });
  }
});
