/**
 * The whole loop on this side of the service, on every store (SQLite
 * always, PostgreSQL when configured) with a fake
 * GitHub and a real SMTP server: report → issue (+ PR candidate) → merged PR
 * → release → compare-confirmed fixed-in → e-mail sent, contact deleted →
 * public page shows it.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { startSmtpSink } from "../_support/smtp_sink.ts";
import { envFrom } from "../../src/platform/env.ts";
import { recordReport } from "../../src/service/cases/record_report.ts";
import { createLoopExtension } from "../../src/service/loop_extension.ts";
import { freshDatabase, STORE_KINDS } from "../_support/test_stores.ts";

Deno.test("loop extension: report → issue → merged fix → release → e-mail and public page", async (t) => {
  for (const kind of STORE_KINDS) {
    await t.step(kind, async () => {
      const gh = await startFakeGitHub();
      const smtp = await startSmtpSink();
      const db = await freshDatabase(kind);
      const store = await db.open();
      const clock = Date.UTC(2026, 10, 25, 12);
      const loop = await createLoopExtension({
        store,
        env: envFrom({
          CARO_GITHUB_REPO: "caro-sh/caro",
          CARO_GITHUB_TOKEN: "ghp_example",
          CARO_GITHUB_API_URL: gh.url,
          CARO_SMTP_HOST: "127.0.0.1",
          CARO_SMTP_PORT: String(smtp.port),
          CARO_SMTP_FROM: "healing@caro.example",
          CARO_PUBLIC_K: "1",
        }),
        publicUrl: "https://heal.caro.example",
        now: () => clock,
      });
      try {
        deepEqual(loop.enabled, { github: true, email: true });
        const reportId = crypto.randomUUID();
        await store.touchInstall("install-1", clock - 2 * 86_400_000); // an established install
        await recordReport(store, {
          reportId,
          installKey: "install-1",
          signatureKey: "abcdefabcdefabcd",
          keyVersion: "v1",
          receivedAt: clock,
          caroVersion: "1.2.0",
          body: {},
          seed: {
            title: "safety blocked a scoped cleanup",
            category: "rule_gap",
            confidence: 85,
            reasons: ["blocked by rm-recursive"],
            failureType: "safety_blocked",
            stage: "safety",
            requestShape: "delete logs older than <NUM> days",
            platform: "linux/bash",
          },
          contact: { method: "email", value: "reporter@example.org" },
        });
        await loop.drainNow();
        equal(gh.state.issues.length, 1);
        deepEqual(gh.state.issues[0].labels, ["caro-case", "category:rule_gap"]);
        match(gh.state.issues[0].body, /https:\/\/heal\.caro\.example\/cases\/CARO-2026-001/);
        equal(gh.state.pulls.length, 1);

        const sha = "c".repeat(40);
        const repository = { full_name: "caro-sh/caro", default_branch: "main" };
        const merged = await loop.onWebhook("pull_request", {
          action: "closed",
          repository,
          pull_request: {
            merged: true,
            merge_commit_sha: sha,
            title: "Allow scoped finds",
            body: "Fixes #1",
            base: { ref: "main" },
          },
        });
        equal(merged.kind, "fix_merged");
        gh.state.tags.set("v1.3.0", new Set([sha]));
        await loop.onWebhook("release", {
          action: "published",
          repository,
          release: { tag_name: "v1.3.0" },
        });
        await loop.drainNow(); // github.release → fixed-in → email job queued
        await loop.drainNow(); // email job
        equal((await store.caseFacts("CARO-2026-001"))?.fixedIn, "1.3.0");
        equal((await store.notificationsFor("install-1", 0)).length, 1);
        equal(smtp.received.length, 1);
        match(smtp.received[0].raw, /CARO-2026-001 is fixed in caro 1\.3\.0/);
        equal(await store.contactFor(reportId), undefined);

        const page = await (await loop.routes.request("/cases/CARO-2026-001")).text();
        ok(page.includes("Released in 1.3.0"));
        ok(page.includes("https://github.com/caro-sh/caro/issues/1"));
        ok(page.includes("https://github.com/caro-sh/caro/pull/2"));
      } finally {
        await loop.stop();
        await store.close();
        await db.drop();
        await smtp.close();
        await gh.close();
      }
    });
  }
});
