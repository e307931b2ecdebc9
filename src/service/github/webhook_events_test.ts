import { deepEqual } from "node:assert/strict";
import { webhookMeaning } from "./webhook_events.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const REPO = { owner: "caro-sh", repo: "caro" };
const OURS = { full_name: "caro-sh/caro", default_branch: "main" };

Deno.test("webhook meaning: issues, merged PRs, releases of our repository; everything else ignored", () => {
  deepEqual(
    webhookMeaning("issues", {
      action: "closed",
      repository: OURS,
      issue: { number: 12, state_reason: "completed", body: "anything" },
    }, REPO),
    { kind: "issue_completed", issueNumber: 12 },
  );
  deepEqual(
    webhookMeaning("issues", { action: "reopened", repository: OURS, issue: { number: 12 } }, REPO),
    { kind: "issue_reopened", issueNumber: 12 },
  );
  deepEqual(
    webhookMeaning("issues", {
      action: "closed",
      repository: OURS,
      issue: { number: 12, state_reason: "not_planned", body: "" },
    }, REPO).kind,
    "ignored",
  );
  const merged = {
    action: "closed",
    repository: OURS,
    pull_request: {
      merged: true,
      merge_commit_sha: SHA,
      title: "[CARO-2026-001] Proposed safety-rule change",
      body: "Fixes #12, closes: #13, other/repo#14 and CARO-2026-001 again",
      head: { ref: "caro/rule-gap/CARO-2026-001" },
      base: { ref: "main" },
    },
  };
  deepEqual(
    webhookMeaning("pull_request", merged, REPO),
    { kind: "fix_merged", sha: SHA, caseIds: ["CARO-2026-001"], issueNumbers: [12, 13] },
  );
  deepEqual(
    webhookMeaning("pull_request", {
      ...merged,
      pull_request: { ...merged.pull_request, base: { ref: "release-1.x" } },
    }, REPO).kind,
    "ignored",
  );
  deepEqual(
    webhookMeaning("pull_request", {
      action: "closed",
      repository: OURS,
      pull_request: { merged: false, merge_commit_sha: SHA },
    }, REPO).kind,
    "ignored",
  );
  const release = (tag: string, extra = {}) => ({
    action: "published",
    repository: OURS,
    release: { tag_name: tag, ...extra },
  });
  deepEqual(
    webhookMeaning("release", release("v1.3.0"), REPO),
    { kind: "release_published", tag: "v1.3.0", version: "1.3.0" },
  );
  deepEqual(
    webhookMeaning("release", release("v2.0.0-rc1", { prerelease: true }), REPO).kind,
    "ignored",
  );
  deepEqual(webhookMeaning("release", release("a b"), REPO).kind, "ignored");
  // Another repository, or none configured: nothing means anything.
  for (const full_name of ["someone/caro", "caro-sh/caro-fork", undefined]) {
    deepEqual(
      webhookMeaning("release", { ...release("v1.3.0"), repository: { full_name } }, REPO).kind,
      "ignored",
    );
    deepEqual(
      webhookMeaning("pull_request", { ...merged, repository: { full_name } }, REPO).kind,
      "ignored",
    );
  }
  deepEqual(webhookMeaning("release", release("v1.3.0"), undefined).kind, "ignored");
  deepEqual(
    webhookMeaning("release", { ...release("v1"), repository: { full_name: "CARO-SH/Caro" } }, REPO)
      .kind,
    "release_published",
  );
  for (const hostile of [null, 42, "x", [], { action: 5 }, { action: "closed", issue: null }]) {
    deepEqual(webhookMeaning("issues", hostile, REPO).kind, "ignored");
    deepEqual(webhookMeaning("pull_request", hostile, REPO).kind, "ignored");
  }
  deepEqual(webhookMeaning("push", { repository: OURS }, REPO).kind, "ignored");
});
