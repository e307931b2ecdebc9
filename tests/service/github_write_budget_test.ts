import { equal, ok } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { createGitHubClient } from "../../src/service/github/client.ts";
import { capWrites, WriteBudgetExhausted } from "../../src/service/github/write_budget.ts";
import { retryDecision } from "../../src/service/outbox/retry_at.ts";

Deno.test("writes over the per-minute budget are not sent and name when to retry", async () => {
  const gh = await startFakeGitHub();
  try {
    let clock = 1_000_000;
    const github = createGitHubClient({
      auth: { token: "ghp_example" },
      baseUrl: gh.url,
      spaceWrites: false,
      msPerRetrySecond: 1,
    });
    capWrites(github, 3, () => clock);
    const repo = { owner: "o", repo: "r" };
    for (let i = 0; i < 3; i++) {
      await github.rest.issues.create({ ...repo, title: `t${i}` });
      clock += 1_000;
    }
    const error = await github.rest.issues.create({ ...repo, title: "over" }).catch((e) => e);
    ok(error instanceof WriteBudgetExhausted, String(error));
    equal(error.retryAt, 1_060_000);
    equal(gh.state.issues.length, 3);
    const decision = retryDecision(error, clock, 1);
    ok(decision.retry && decision.at === 1_060_000);
    await github.rest.issues.listForRepo(repo); // reads are not capped
    clock = 1_060_000;
    await github.rest.issues.create({ ...repo, title: "next minute" });
    equal(gh.state.issues.length, 4);
  } finally {
    await gh.close();
  }
});
