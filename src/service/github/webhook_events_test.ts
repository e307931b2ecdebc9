import { deepEqual } from "node:assert/strict";
import { webhookMeaning } from "./webhook_events.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";

Deno.test("webhook meaning: issues, merged PRs, releases; everything else ignored", () => {
  deepEqual(
    webhookMeaning("issues", {
      action: "closed",
      issue: {
        number: 12,
        state_reason: "completed",
        body: "<!-- caro-case: CARO-2026-014 -->\nx",
      },
    }),
    { kind: "issue_completed", caseId: "CARO-2026-014", issueNumber: 12 },
  );
  deepEqual(
    webhookMeaning("issues", {
      action: "closed",
      issue: { number: 12, state_reason: "not_planned", body: "" },
    }).kind,
    "ignored",
  );
  deepEqual(
    webhookMeaning("issues", {
      action: "closed",
      issue: { number: 3, state_reason: "completed", body: "hi" },
    }).kind,
    "ignored",
  );
  deepEqual(
    webhookMeaning("pull_request", {
      action: "closed",
      pull_request: {
        merged: true,
        merge_commit_sha: SHA,
        title: "[CARO-2026-001] Proposed safety-rule change",
        body: "Fixes #12, closes #13 and CARO-2026-001 again",
        head: { ref: "caro/rule-gap/CARO-2026-001" },
      },
    }),
    { kind: "fix_merged", sha: SHA, caseIds: ["CARO-2026-001"], issueNumbers: [12, 13] },
  );
  deepEqual(
    webhookMeaning("pull_request", {
      action: "closed",
      pull_request: { merged: false, merge_commit_sha: SHA },
    }).kind,
    "ignored",
  );
  deepEqual(
    webhookMeaning("release", { action: "published", release: { tag_name: "v1.3.0" } }),
    { kind: "release_published", tag: "v1.3.0", version: "1.3.0" },
  );
  deepEqual(
    webhookMeaning("release", {
      action: "published",
      release: { tag_name: "v2.0.0-rc1", prerelease: true },
    }).kind,
    "ignored",
  );
  deepEqual(
    webhookMeaning("release", { action: "published", release: { tag_name: "a b" } }).kind,
    "ignored",
  );
  for (const hostile of [null, 42, "x", [], { action: 5 }, { action: "closed", issue: null }]) {
    deepEqual(webhookMeaning("issues", hostile).kind, "ignored");
    deepEqual(webhookMeaning("pull_request", hostile).kind, "ignored");
  }
  deepEqual(webhookMeaning("push", {}).kind, "ignored");
});
