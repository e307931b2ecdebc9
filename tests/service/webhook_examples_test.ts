/**
 * Every example payload GitHub's webhook documentation publishes (npm
 * `@octokit/webhooks-examples`), signed with `X-Hub-Signature-256` as GitHub
 * signs, replayed into the real service: never a 5xx, never a 4xx (GitHub
 * would record a failed delivery), and those that are not about the
 * configured repository change nothing. Replayed twice: once with our
 * repository elsewhere (everything ignored), once configured as the
 * examples' own repository (the relevant ones are read, nothing breaks).
 */
import { deepEqual, equal } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";
import { hubSignature, startTestService } from "../_support/service_harness.ts";

const SECRET = "webhook-examples-secret";

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

async function examples(): Promise<ExampleGroup[]> {
  const url = import.meta.resolve("@octokit/webhooks-examples/api.github.com/index.json");
  return JSON.parse(await Deno.readTextFile(new URL(url)));
}

Deno.test("webhook examples: all of GitHub's published payloads, signed, answered 2xx; none about another repository moves anything", async (t) => {
  const groups = await examples();
  const total = groups.reduce((n, g) => n + g.examples.length, 0);
  equal(total > 300, true, `only ${total} examples`);
  for (const repo of ["caro-sh/caro", "Codertocat/Hello-World"]) {
    await t.step(`configured repository ${repo}`, async () => {
      const gh = await startFakeGitHub();
      const svc = await startTestService({
        env: {
          CARO_GITHUB_WEBHOOK_SECRET: SECRET,
          CARO_GITHUB_REPO: repo,
          CARO_GITHUB_TOKEN: "ghp_example",
          CARO_GITHUB_API_URL: gh.url,
        },
      });
      try {
        const kinds = new Map<string, number>();
        for (const group of groups) {
          for (const example of group.examples) {
            const body = JSON.stringify(example);
            const res = await fetch(`${svc.url}/v1/webhooks/github`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "user-agent": "GitHub-Hookshot/044aadd",
                "x-github-event": group.name,
                "x-github-delivery": crypto.randomUUID(),
                "x-github-hook-id": "292430182",
                "x-hub-signature-256": await hubSignature(SECRET, body),
              },
              body,
            });
            const answer = await res.json();
            equal(
              res.status,
              200,
              `${group.name}.${example.action ?? ""}: ${JSON.stringify(answer)}`,
            );
            const kind = answer.kind ?? "duplicate";
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
            deepEqual(answer.cases ?? [], [], `${group.name} moved a case`);
          }
        }
        // (A few examples repeat a body byte for byte: the second is a duplicate.)
        if (repo === "caro-sh/caro") {
          deepEqual([...kinds.keys()].filter((k) => k !== "duplicate"), ["ignored"]);
        } else equal((kinds.get("release_published") ?? 0) > 0, true, JSON.stringify([...kinds]));
        deepEqual(await svc.store.caseCounts(), []);
        deepEqual(await svc.store.outboxCounts(), repo === "caro-sh/caro" ? {} : { pending: 1 });
      } finally {
        await svc.stop();
        await svc.remove();
        await gh.close();
      }
    });
  }
});
