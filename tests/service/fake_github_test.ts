/**
 * The fake GitHub against GitHub's own published description
 * (`@octokit/openapi`): requests that depart from it are refused as GitHub
 * refuses them and recorded, and the fake enforces what GitHub enforces on
 * files, refs and pull requests. Raw `fetch`, so nothing but the fake and the
 * description are under test.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { startFakeGitHub } from "../../tools/fake_github.ts";

const HEADERS = {
  authorization: "token t",
  accept: "application/vnd.github+json",
  "x-github-api-version": "2022-11-28",
};

async function call(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, data: await res.json() };
}

Deno.test("fake GitHub: requests are checked against GitHub's description", async () => {
  const gh = await startFakeGitHub();
  try {
    equal(
      (await call(gh.url, "POST", "/repos/o/r/issues", { title: "x", labels: ["a"] })).status,
      201,
    );
    deepEqual(gh.state.operations, ["issues/create"]);
    const violation = (i: number) => gh.state.violations[i]?.violations;
    deepEqual(violation(0), undefined);

    const wrongBody = await call(gh.url, "POST", "/repos/o/r/issues", { title: "x", labels: 5 });
    equal(wrongBody.status, 422);
    match(violation(0)![0], /^body: \/labels must be array/);
    const unknownQuery = await call(gh.url, "GET", "/repos/o/r/issues?colour=red&per_page=x");
    equal(unknownQuery.status, 422);
    deepEqual(violation(1)!.length, 2);
    const noSuchOperation = await call(gh.url, "POST", "/repos/o/r/issues/1/merge", {});
    equal(noSuchOperation.status, 404);
    const missingMessage = await call(gh.url, "PUT", "/repos/o/r/contents/a.txt", {
      content: btoa("x"),
    });
    equal(missingMessage.status, 422);
    match(violation(3)![0], /must have required property 'message'/);

    const bare = await fetch(`${gh.url}/repos/o/r/issues/1`, {
      headers: { authorization: "token t" },
    });
    equal(bare.status, 200, "GitHub serves clients that omit the headers…");
    await bare.body?.cancel();
    deepEqual(violation(4)!, [
      'Accept is "*/*", not application/vnd.github+json',
      "X-GitHub-Api-Version is not 2022-11-28",
    ], "…but every request of ours names them");
    gh.state.violations.length = 0; // sent on purpose
  } finally {
    await gh.close();
  }
});

Deno.test("fake GitHub: sha to update a file, existing refs and PRs, empty PRs, PRs in issue listings", async () => {
  const gh = await startFakeGitHub();
  try {
    const main = (await call(gh.url, "GET", "/repos/o/r/git/ref/heads/main")).data.object.sha;
    const branch = { ref: "refs/heads/topic", sha: main };
    equal((await call(gh.url, "POST", "/repos/o/r/git/refs", branch)).status, 201);
    const again = await call(gh.url, "POST", "/repos/o/r/git/refs", branch);
    deepEqual([again.status, again.data.message], [422, "Reference already exists"]);

    const pr = { title: "p", head: "topic", base: "main" };
    const empty = await call(gh.url, "POST", "/repos/o/r/pulls", pr);
    deepEqual([empty.status, empty.data.errors[0].message], [
      422,
      "No commits between main and topic",
    ]);

    const file = { message: "m", content: btoa("one"), branch: "topic" };
    equal((await call(gh.url, "PUT", "/repos/o/r/contents/a.txt", file)).status, 201);
    const noSha = await call(gh.url, "PUT", "/repos/o/r/contents/a.txt", file);
    deepEqual([noSha.status, noSha.data.message], [
      422,
      'Invalid request.\n\n"sha" wasn\'t supplied.',
    ]);
    const stale = await call(gh.url, "PUT", "/repos/o/r/contents/a.txt", {
      ...file,
      sha: "0".repeat(40),
    });
    equal(stale.status, 409);
    const current = await call(gh.url, "GET", "/repos/o/r/contents/a.txt?ref=topic");
    equal(atob(current.data.content), "one");
    const update = { ...file, content: btoa("two"), sha: current.data.sha };
    equal((await call(gh.url, "PUT", "/repos/o/r/contents/a.txt", update)).status, 200);

    equal((await call(gh.url, "POST", "/repos/o/r/pulls", pr)).status, 201);
    const twice = await call(gh.url, "POST", "/repos/o/r/pulls", pr);
    deepEqual([twice.status, twice.data.errors[0].message], [
      422,
      "A pull request already exists for o:topic.",
    ]);
    const listed = await call(gh.url, "GET", "/repos/o/r/issues?state=all");
    deepEqual(listed.data.map((i: { pull_request?: unknown }) => i.pull_request !== undefined), [
      true,
    ]);
    deepEqual((await call(gh.url, "GET", "/repos/o/r/pulls?head=x:topic&state=all")).data, []);
    equal((await call(gh.url, "GET", "/repos/o/r/pulls?head=o:topic&state=all")).data.length, 1);
    deepEqual(gh.state.violations, []);
  } finally {
    await gh.close();
  }
});
