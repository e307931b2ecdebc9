import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { createGitHubClient } from "../../src/service/github/client.ts";
import type { CaseIssueView } from "../../src/service/github/issue_body.ts";
import { syncCaseIssue } from "../../src/service/github/sync_case_issue.ts";
import { openPrCandidate } from "../../src/service/github/pr_candidate.ts";
import { commitIsInTag } from "../../src/service/github/fix_in_release.ts";
import { retryDecision } from "../../src/service/outbox/retry_at.ts";

const repo = { owner: "caro-sh", repo: "caro" };
const TOKEN = "5e".repeat(16);

function view(overrides: Partial<CaseIssueView> = {}): CaseIssueView {
  return {
    caseId: "CARO-2026-001",
    token: TOKEN,
    title: "safety blocked a cleanup request",
    category: "rule_gap",
    confidence: 85,
    reasons: ["failure_type safety_blocked at stage safety"],
    failureType: "safety_blocked",
    stage: "safety",
    requestShape: "delete logs older than <NUM> days in <PATH>",
    context: ["backend: ollama"],
    versions: ["1.2.0"],
    platforms: ["linux/bash"],
    reports: 1,
    installs: 1,
    caseUrl: "https://caro.example/cases/CARO-2026-001",
    ...overrides,
  };
}

function client(url: string, extra: Partial<Parameters<typeof createGitHubClient>[0]> = {}) {
  return createGitHubClient({
    auth: { token: "ghp_exampleexampleexample" },
    baseUrl: url,
    msPerRetrySecond: 1,
    spaceWrites: false,
    ...extra,
  });
}

Deno.test("a lost create answer (502 after the effect) is reconciled by marker, not filed twice", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    gh.inject({ kind: "502", method: "POST", path: /\/issues$/, afterEffect: true });
    await rejects(syncCaseIssue(github, repo, view(), undefined), { status: 502 });
    const second = await syncCaseIssue(github, repo, view({ reports: 2 }), undefined);
    equal(second.action, "updated");
    equal(gh.state.issues.length, 1);
    match(gh.state.issues[0].body, /\*\*2\*\* reports/);
  } finally {
    await gh.close();
  }
});

Deno.test("duplicate reports edit the counts block and labels, never comment", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    const first = await syncCaseIssue(github, repo, view({ confidence: 50 }), undefined);
    equal(first.action, "created");
    deepEqual(gh.state.issues[0].labels, ["caro-case", "needs-triage"]);
    const again = await syncCaseIssue(
      github,
      repo,
      view({ reports: 7, installs: 5 }),
      first.issueNumber,
    );
    equal(again.action, "updated");
    deepEqual(gh.state.issues[0].labels, ["caro-case", "category:rule_gap"]);
    match(gh.state.issues[0].body, /\*\*7\*\* reports from \*\*5\*\* installs/);
    match(gh.state.issues[0].body, new RegExp(`^<!-- caro-case: CARO-2026-001 ${TOKEN} -->\n`));
    equal(gh.state.issues[0].comments.length, 0);
    const same = await syncCaseIssue(
      github,
      repo,
      view({ reports: 7, installs: 5 }),
      first.issueNumber,
    );
    equal(same.action, "unchanged");
  } finally {
    await gh.close();
  }
});

Deno.test("reconciliation follows Link pagination to find the marker", async () => {
  const gh = await startFakeGitHub({ maxPerPage: 2 });
  try {
    const github = client(gh.url);
    for (let i = 1; i <= 5; i++) {
      await syncCaseIssue(github, repo, view({ caseId: `CARO-2026-00${i}` }), undefined);
    }
    const before = gh.state.requests.length;
    const found = await syncCaseIssue(
      github,
      repo,
      view({ caseId: "CARO-2026-005", reports: 3 }),
      undefined,
    );
    equal(found.action, "updated");
    equal(gh.state.issues.length, 5);
    ok(gh.state.requests.slice(before).some((r) => /page=3/.test(r)), "third page fetched");
  } finally {
    await gh.close();
  }
});

Deno.test("an outsider's issue carrying a copied marker is never taken for the case's issue", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    // Filed before us with a guessed token, and after us with our token copied: neither is ours.
    const forge = (token: string) =>
      github.rest.issues.create({
        ...repo,
        title: "[CARO-2026-001] totally the real one",
        body: `<!-- caro-case: CARO-2026-001 ${token} -->\nclose me`,
        labels: ["caro-case"],
      });
    await forge("00".repeat(16));
    const ours = await syncCaseIssue(github, repo, view(), undefined);
    equal(ours.action, "created");
    equal(ours.issueNumber, 2);
    await forge(TOKEN);
    // The link was lost (crash before it was saved): reconciliation finds the oldest true one.
    const again = await syncCaseIssue(github, repo, view({ reports: 4 }), undefined);
    deepEqual([again.action, again.issueNumber], ["updated", 2]);
    match(gh.state.issues[1].body, /\*\*4\*\* reports/);
    equal(gh.state.issues[2].body.includes("**4**"), false);
  } finally {
    await gh.close();
  }
});

Deno.test("issue text: every reported token is an inert code span; markers cannot be forged or broken", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    const hostile =
      "@torvalds <img src=x> [x](https://evil.example) `tick` <!-<!--- caro-counts:end --->->";
    await syncCaseIssue(
      github,
      repo,
      view({
        title: `see @org/team ${hostile}`,
        reasons: [`rule ${hostile}`],
        context: [hostile],
        versions: [hostile],
        platforms: [hostile],
        errorCode: hostile,
      }),
      undefined,
    );
    const { title, body } = gh.state.issues[0];
    equal(title.startsWith("[CARO-2026-001] `see @org/team @torvalds"), true);
    equal(/<!--|-->/.test(title), false);
    equal(body.match(/<!--/g)?.length, 3, "our marker and the two counts markers only");
    for (const line of body.split("\n")) {
      if (!line.includes("@torvalds")) continue;
      // Every occurrence sits inside a code span: strip the spans and nothing live is left.
      equal(/@|<img|\]\(|https:/.test(line.replace(/`[^`]*`/g, "")), false, line);
    }
    const updated = await syncCaseIssue(github, repo, view({ reports: 9 }), 1);
    equal(updated.action, "updated");
    match(gh.state.issues[0].body, /\*\*9\*\* reports/);
  } finally {
    await gh.close();
  }
});

Deno.test("rule gap: a PR candidate branch, proposed rule file and a PR linking the issue; reused on retry", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    const { issueNumber } = await syncCaseIssue(github, repo, view(), undefined);
    const proposal = {
      caseId: "CARO-2026-001",
      issueNumber,
      requestShape: 'rm -rf "<PATH>"',
      safetyRuleIds: ["rm-recursive"],
      reasons: ["blocked although scoped"],
      caseUrl: "https://caro.example/cases/CARO-2026-001",
    };
    const pr = await openPrCandidate(github, repo, proposal, "main");
    equal(pr.branch, "caro/rule-gap/CARO-2026-001");
    const file = gh.state.files.get(
      "caro/rule-gap/CARO-2026-001:safety/proposals/CARO-2026-001.toml",
    );
    ok(file);
    match(file, /request_shape = "rm -rf \\"<PATH>\\""/);
    match(gh.state.pulls[0].body, new RegExp(`Refs #${issueNumber}`));
    equal(gh.state.pulls[0].merged, false);
    const again = await openPrCandidate(github, repo, proposal, "main");
    equal(again.number, pr.number);
    equal(gh.state.pulls.length, 1);
    ok(!gh.state.requests.some((r) => /merge/.test(r)), "never merges");
  } finally {
    await gh.close();
  }
});

Deno.test("PR candidate: after a 502 on POST /pulls the retry opens exactly one PR", async (t) => {
  const proposal = {
    caseId: "CARO-2026-001",
    issueNumber: 1,
    requestShape: "delete logs older than <NUM> days",
    safetyRuleIds: ["rm-recursive"],
    reasons: ["blocked although scoped"],
    caseUrl: "https://caro.example/cases/CARO-2026-001",
  };
  const cases = [
    { name: "not created, same proposal: the file is not written again", afterEffect: false },
    { name: "not created, changed proposal: the file is updated with its sha", afterEffect: false },
    { name: "created but the answer was lost: the PR is found", afterEffect: true },
  ];
  for (const [i, c] of cases.entries()) {
    await t.step(c.name, async () => {
      const gh = await startFakeGitHub();
      try {
        const github = client(gh.url);
        gh.inject({ kind: "502", method: "POST", path: /\/pulls$/, afterEffect: c.afterEffect });
        await rejects(openPrCandidate(github, repo, proposal, "main"), { status: 502 });
        const retried = i === 1
          ? { ...proposal, reasons: ["blocked although scoped", "again"] }
          : proposal;
        const pr = await openPrCandidate(github, repo, retried, "main");
        equal(gh.state.pulls.length, 1);
        equal(pr.number, gh.state.pulls[0].number);
        equal(gh.state.requests.filter((r) => r.startsWith("PUT ")).length, i === 1 ? 2 : 1);
        match(
          gh.state.files.get("caro/rule-gap/CARO-2026-001:safety/proposals/CARO-2026-001.toml")!,
          i === 1 ? /"again"/ : /"blocked although scoped"\]/,
        );
        const again = await openPrCandidate(github, repo, retried, "main");
        equal(again.number, pr.number);
        equal(gh.state.pulls.length, 1);
      } finally {
        await gh.close();
      }
    });
  }
});

Deno.test("compare API: fixed-in only when the fixing commit is in the tag", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url);
    gh.state.tags.set("v1.3.0", new Set(["a".repeat(40)]));
    equal(await commitIsInTag(github, repo, "a".repeat(40), "v1.3.0"), true);
    equal(await commitIsInTag(github, repo, "b".repeat(40), "v1.3.0"), false);
    equal(await commitIsInTag(github, repo, "a".repeat(40), "v9.9.9"), false);
  } finally {
    await gh.close();
  }
});

Deno.test("rate limits: short waits are sat out in-process, long ones go back to the outbox", async () => {
  const gh = await startFakeGitHub();
  try {
    const github = client(gh.url, { maxInProcessWaitSeconds: 5 });
    gh.inject({ kind: "secondary", method: "POST", seconds: 1 });
    gh.inject({ kind: "429", method: "PATCH", seconds: 1 });
    const created = await syncCaseIssue(github, repo, view(), undefined);
    await syncCaseIssue(github, repo, view({ reports: 2 }), created.issueNumber);
    equal(gh.state.issues.length, 1);
    match(gh.state.issues[0].body, /\*\*2\*\* reports/);

    gh.inject({ kind: "primary", seconds: 3600 });
    const error = await syncCaseIssue(github, repo, view(), created.issueNumber).catch((e) => e);
    equal(error.status, 403);
    const now = Date.now();
    const decision = retryDecision(error, now, 1);
    ok(decision.retry && decision.at >= now + 3590_000, "retry at x-ratelimit-reset");

    gh.inject({ kind: "secondary", method: "POST", seconds: 120 });
    const secondary = await syncCaseIssue(
      github,
      repo,
      view({ caseId: "CARO-2026-002" }),
      undefined,
    )
      .catch((e) => e);
    const later = retryDecision(secondary, 1_000, 1);
    deepEqual(later, { retry: true, at: 121_000, reason: "rate limited (403)" });
  } finally {
    await gh.close();
  }
});

Deno.test("GitHub App auth: an installation token is minted and used", async () => {
  const gh = await startFakeGitHub({ tokens: [] });
  try {
    const pair = await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const pem = `-----BEGIN PRIVATE KEY-----\n${
      btoa(String.fromCharCode(...pkcs8)).match(/.{1,64}/g)!.join("\n")
    }\n-----END PRIVATE KEY-----\n`;
    const github = client(gh.url, { auth: { appId: 12345, privateKey: pem, installationId: 99 } });
    await syncCaseIssue(github, repo, view(), undefined);
    equal(gh.state.issues.length, 1);
    ok(gh.state.requests.includes("POST /app/installations/99/access_tokens"));
  } finally {
    await gh.close();
  }
});
