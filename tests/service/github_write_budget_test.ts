import { equal, ok } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { createGitHubClient } from "../../src/service/github/client.ts";
import { capWrites, WriteBudgetExhausted } from "../../src/service/github/write_budget.ts";
import { retryDecision } from "../../src/service/outbox/retry_at.ts";
import { openStore } from "../../src/service/store/open_store.ts";

Deno.test("writes over the per-minute budget (counted in the store) are not sent and name when to retry", async () => {
  const gh = await startFakeGitHub();
  const store = await openStore(":memory:");
  try {
    let clock = 1_000_000;
    const github = createGitHubClient({
      auth: { token: "ghp_example" },
      baseUrl: gh.url,
      spaceWrites: false,
      msPerRetrySecond: 1,
    });
    capWrites(github, 3, () => clock, store);
    const repo = { owner: "o", repo: "r" };
    for (let i = 0; i < 3; i++) {
      await github.rest.issues.create({ ...repo, title: `t${i}` });
      clock += 1_000;
    }
    const error = await github.rest.issues.create({ ...repo, title: "over" }).catch((e) => e);
    ok(error instanceof WriteBudgetExhausted, String(error));
    equal(error.retryAt, 1_020_000); // the end of the fixed minute 960,000–1,020,000
    equal(gh.state.issues.length, 3);
    const decision = retryDecision(error, clock, 1);
    ok(decision.retry && decision.at === 1_020_000);
    await github.rest.issues.listForRepo(repo); // reads are not capped
    clock = 1_020_000;
    await github.rest.issues.create({ ...repo, title: "next minute" });
    equal(gh.state.issues.length, 4);
  } finally {
    await store.close();
    await gh.close();
  }
});

Deno.test("two replicas' clients on one store spend one write budget", async () => {
  const gh = await startFakeGitHub();
  const store = await openStore(":memory:");
  try {
    const clock = 2_000_000;
    const clients = [0, 1].map(() => {
      const github = createGitHubClient({
        auth: { token: "ghp_example" },
        baseUrl: gh.url,
        spaceWrites: false,
        msPerRetrySecond: 1,
      });
      capWrites(github, 3, () => clock, store);
      return github;
    });
    const repo = { owner: "o", repo: "r" };
    const outcomes = await Promise.all(
      Array.from(
        { length: 6 },
        (_, i) =>
          clients[i % 2].rest.issues.create({ ...repo, title: `t${i}` }).then(
            () => "sent",
            (e) => e,
          ),
      ),
    );
    equal(outcomes.filter((o) => o === "sent").length, 3);
    ok(outcomes.filter((o) => o instanceof WriteBudgetExhausted).length === 3);
    equal(gh.state.issues.length, 3);
  } finally {
    await store.close();
    await gh.close();
  }
});
