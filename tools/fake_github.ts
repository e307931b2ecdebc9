/**
 * A local stand-in for GitHub's REST API, speaking its wire format for the
 * endpoints the healing service uses: issues (create, edit, list with
 * `labels`/`state`/`since` and `Link` pagination; listings include pull
 * requests, as GitHub's do), comments, labels, the contents API and refs
 * (PR-candidate branch + file), pulls, compare, and the App
 * installation-token exchange. Failures can be injected per request: 502, a
 * secondary rate limit (403 + `retry-after`), 429, and a primary rate limit
 * (403 + `x-ratelimit-remaining: 0` + `x-ratelimit-reset`).
 *
 * It follows GitHub's published description (`github_openapi.ts`): every
 * request is checked against `@octokit/openapi` (operation, path and query
 * parameters, body schema, `Accept` and `X-GitHub-Api-Version`); a body or
 * parameter GitHub would refuse gets GitHub's 422, an unknown operation 404,
 * and every departure is kept in `state.violations` for tests to assert on.
 * It enforces what GitHub enforces: updating an existing file needs its
 * `sha` (422 without, 409 when stale), an existing ref is 422 "Reference
 * already exists", a second open PR for the same head and base is 422, and
 * so is a PR whose head has no commits beyond its base.
 *
 * Used by the GitHub tests (with the real Octokit pointed at it through
 * `baseUrl`) and by `deno task demo`. Binds 127.0.0.1 on the given port (0 =
 * any free port).
 *
 * @module
 */

import { type GitHubOpenApi, loadGitHubOpenApi } from "./github_openapi.ts";

/** One injected failure, consumed by the next request it matches. */
export interface InjectedFailure {
  kind: "502" | "secondary" | "429" | "primary";
  /** Only requests with this method (default: any). */
  method?: string;
  /** Only requests whose path matches (default: any). */
  path?: RegExp;
  /** Perform the request's effect first, then answer with the failure (a lost response). */
  afterEffect?: boolean;
  /** Seconds for `retry-after` / until `x-ratelimit-reset` (default 1). */
  seconds?: number;
}

/** A stored issue, as GitHub returns it (the fields we use). */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  created_at: string;
  updated_at: string;
  comments: string[];
}

/** A stored pull request. */
export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  merged: boolean;
  state: "open" | "closed";
}

/** A request that departs from GitHub's description (or a fake answer it does not document). */
export interface FakeViolation {
  /** `METHOD /path?query`. */
  request: string;
  violations: string[];
}

/** Everything the fake holds, readable by tests. */
export interface FakeGitHubState {
  issues: FakeIssue[];
  pulls: FakePull[];
  /** ref name (e.g. `heads/caro/rule-gap/CARO-2026-001`) → commit sha. */
  refs: Map<string, string>;
  /** `branch:path` → file text. */
  files: Map<string, string>;
  /** tag → commit shas contained in it (for the compare API). */
  tags: Map<string, Set<string>>;
  /** Every request received, `METHOD /path`. */
  requests: string[];
  /** `operationId` of every request, in order (e.g. `issues/create`). */
  operations: string[];
  /** Departures from GitHub's description; empty when everything conformed. */
  violations: FakeViolation[];
  /** Timestamps (ms) of content-creating requests that succeeded. */
  contentWrites: number[];
}

/** A running fake GitHub. */
export interface FakeGitHub {
  /** Base URL to give Octokit, e.g. `http://127.0.0.1:41234`. */
  url: string;
  state: FakeGitHubState;
  /** Queue failures; each is consumed by the first request it matches. */
  inject(...failures: InjectedFailure[]): void;
  /**
   * Stops the server; rejects when any request departed from GitHub's
   * description (a test that sends one on purpose empties `state.violations`).
   */
  close(): Promise<void>;
}

/** Options for {@link startFakeGitHub}. */
export interface FakeGitHubOptions {
  port?: number;
  /**
   * Accepted tokens (`authorization: token X` or `bearer X`); default: any
   * non-empty. Installation tokens (`ghs_…`) minted by the fake always pass;
   * `/app/…` needs a JWT.
   */
  tokens?: string[];
  /** Most issues per page, whatever the client asks (GitHub: 100). */
  maxPerPage?: number;
  /** Clock for timestamps (default Date.now). */
  now?: () => number;
  /** Called on every request line, e.g. for the demo's log. */
  onRequest?: (line: string) => void;
  /** Check requests against GitHub's description (default true; loads it once per process). */
  validate?: boolean;
  /** Answer every request this much later (a slow GitHub). */
  delayMs?: number;
}

const REPO_PATH = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;

/**
 * Starts the fake on 127.0.0.1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startFakeGitHub } from "./fake_github.ts";
 * const gh = await startFakeGitHub();
 * const res = await fetch(`${gh.url}/repos/o/r/issues`, {
 *   method: "POST", headers: { authorization: "token t" }, body: JSON.stringify({ title: "x" }),
 * });
 * assert(res.status === 201);
 * await gh.close();
 * ```
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const now = options.now ?? Date.now;
  const api: GitHubOpenApi | undefined = options.validate === false
    ? undefined
    : await loadGitHubOpenApi();
  const state: FakeGitHubState = {
    issues: [],
    pulls: [],
    refs: new Map([["heads/main", sha("main-0")]]),
    files: new Map(),
    tags: new Map(),
    requests: [],
    operations: [],
    violations: [],
    contentWrites: [],
  };
  const failures: InjectedFailure[] = [];
  let base = "";

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const line = `${request.method} ${url.pathname}${url.search}`;
    state.requests.push(line);
    options.onRequest?.(line);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const auth = request.headers.get("authorization") ?? "";
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1];
    const isJwt = /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token ?? "");
    const accepted = url.pathname.startsWith("/app/")
      ? isJwt
      : token && (!options.tokens || options.tokens.includes(token) || token.startsWith("ghs_"));
    if (!accepted) {
      return json(401, { message: "Bad credentials" });
    }
    const failureIndex = failures.findIndex((f) =>
      (!f.method || f.method === request.method) && (!f.path || f.path.test(url.pathname))
    );
    const failure = failureIndex >= 0 ? failures.splice(failureIndex, 1)[0] : undefined;
    if (failure && !failure.afterEffect) return failureResponse(failure, now());
    // A client killed mid-request (a replica's kill -9) leaves no body to read: nothing to answer.
    const text = request.method === "GET" ? "" : await request.text().catch(() => undefined);
    if (text === undefined) return new Response(null, { status: 499 });
    let body: Record<string, unknown> = {};
    try {
      if (text !== "") body = JSON.parse(text);
    } catch {
      return json(400, { message: "Problems parsing JSON" });
    }
    const checked = api?.check({
      method: request.method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text === "" ? undefined : body,
    });
    if (checked) {
      if (checked.operationId) state.operations.push(checked.operationId);
      if (checked.violations.length > 0) state.violations.push({ request: line, ...checked });
      if (!checked.operationId) return json(404, { message: "Not Found" });
      const refused = checked.violations.filter((v) => !/^(Accept|X-GitHub-Api-Version) /.test(v));
      if (refused.length > 0) {
        return json(422, { message: "Invalid request.", errors: refused });
      }
    }
    const response = route(request.method, url, body);
    if (checked && !checked.documentedStatuses.includes(String(response.status))) {
      state.violations.push({
        request: line,
        violations: [`the fake answered ${response.status}, not documented for this operation`],
      });
    }
    if (response.status === 201 || (response.status === 200 && request.method !== "GET")) {
      state.contentWrites.push(now());
    }
    if (failure) {
      await response.body?.cancel();
      return failureResponse(failure, now());
    }
    return response;
  };

  const issueJson = (owner: string, repo: string, issue: FakeIssue) => ({
    id: 1000 + issue.number,
    node_id: `I_${issue.number}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: "ededed" })),
    comments: issue.comments.length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    url: `${base}/repos/${owner}/${repo}/issues/${issue.number}`,
    html_url: `https://github.com/${owner}/${repo}/issues/${issue.number}`,
  });

  const route = (method: string, url: URL, body: Record<string, unknown>): Response => {
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(url.pathname)) {
      return json(201, {
        token: `ghs_${crypto.randomUUID().replaceAll("-", "")}`,
        expires_at: new Date(now() + 3600_000).toISOString(),
        permissions: { issues: "write", contents: "write", pull_requests: "write" },
        repository_selection: "all",
      });
    }
    const match = REPO_PATH.exec(decodeURIComponent(url.pathname));
    if (!match) return json(404, { message: "Not Found" });
    const [, owner, repo, rest = ""] = match;
    const stamp = new Date(now()).toISOString();
    let m: RegExpExecArray | null;

    if (rest === "/issues" && method === "POST") {
      if (typeof body.title !== "string" || body.title === "") {
        return json(422, { message: "Validation Failed", errors: [{ field: "title" }] });
      }
      const issue: FakeIssue = {
        number: state.issues.length + state.pulls.length + 1,
        title: body.title,
        body: String(body.body ?? ""),
        state: "open",
        labels: asLabels(body.labels),
        created_at: stamp,
        updated_at: stamp,
        comments: [],
      };
      state.issues.push(issue);
      return json(201, issueJson(owner, repo, issue));
    }
    if (rest === "/issues" && method === "GET") {
      const labels = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
      const wanted = url.searchParams.get("state") ?? "open";
      const since = url.searchParams.get("since");
      const perPage = Math.min(
        Number(url.searchParams.get("per_page") ?? 30),
        options.maxPerPage ?? 100,
      );
      const page = Number(url.searchParams.get("page") ?? 1);
      const direction = url.searchParams.get("direction") ?? "desc";
      const all = [
        ...state.issues.map((i) => ({
          at: i.updated_at,
          item: i,
          json: issueJson(owner, repo, i),
        })),
        ...state.pulls.map((p) => ({
          at: "",
          item: { ...p, labels: [] as string[] },
          json: pullAsIssue(owner, repo, p),
        })),
      ].filter(({ at, item }) =>
        (wanted === "all" || item.state === wanted) &&
        labels.every((l) => item.labels.includes(l)) &&
        (!since || at >= since)
      ).sort((a, b) => (a.json.number - b.json.number) * (direction === "asc" ? 1 : -1));
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url.pathname + url.search, base);
        next.searchParams.set("page", String(page + 1));
        const last = new URL(next);
        last.searchParams.set("page", String(Math.ceil(all.length / perPage)));
        headers.link = `<${next}>; rel="next", <${last}>; rel="last"`;
      }
      return json(200, slice.map((i) => i.json), headers);
    }
    if ((m = /^\/issues\/(\d+)(\/comments|\/labels)?$/.exec(rest))) {
      const issue = state.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return json(404, { message: "Not Found" });
      const sub = m[2];
      if (!sub && method === "GET") return json(200, issueJson(owner, repo, issue));
      if (!sub && method === "PATCH") {
        if (typeof body.title === "string") issue.title = body.title;
        if (typeof body.body === "string") issue.body = body.body;
        if (body.state === "open" || body.state === "closed") issue.state = body.state;
        if (body.labels !== undefined) issue.labels = asLabels(body.labels);
        issue.updated_at = stamp;
        return json(200, issueJson(owner, repo, issue));
      }
      if (sub === "/comments" && method === "POST") {
        issue.comments.push(String(body.body ?? ""));
        issue.updated_at = stamp;
        return json(201, {
          id: 5000 + issue.comments.length,
          body: body.body,
          html_url: `https://github.com/${owner}/${repo}/issues/${issue.number}#comment`,
        });
      }
      if (sub === "/labels" && method === "POST") {
        for (const l of asLabels(body.labels)) if (!issue.labels.includes(l)) issue.labels.push(l);
        issue.updated_at = stamp;
        return json(200, issue.labels.map((name, i) => ({ id: i + 1, name })));
      }
    }
    if ((m = /^\/git\/ref\/(.+)$/.exec(rest)) && method === "GET") {
      const target = state.refs.get(m[1]);
      if (!target) return json(404, { message: "Not Found" });
      return json(200, { ref: `refs/${m[1]}`, object: { sha: target, type: "commit" } });
    }
    if (rest === "/git/refs" && method === "POST") {
      const ref = String(body.ref ?? "").replace(/^refs\//, "");
      if (state.refs.has(ref)) return json(422, { message: "Reference already exists" });
      state.refs.set(ref, String(body.sha));
      return json(201, { ref: `refs/${ref}`, object: { sha: body.sha, type: "commit" } });
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === "GET") {
      const branch = url.searchParams.get("ref") ?? "main";
      const path = decodeURIComponent(m[1]);
      const text = state.files.get(`${branch}:${path}`);
      if (text === undefined) return json(404, { message: "Not Found" });
      return json(200, contentJson(owner, repo, branch, path, text));
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === "PUT") {
      const branch = String(body.branch ?? "main");
      if (!state.refs.has(`heads/${branch}`)) return json(404, { message: "Branch not found" });
      const path = decodeURIComponent(m[1]);
      const key = `${branch}:${path}`;
      const current = state.files.get(key);
      if (current !== undefined && body.sha === undefined) {
        return json(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
      }
      if (current !== undefined && body.sha !== blobSha(current)) {
        return json(409, { message: `${path} does not match ${body.sha}` });
      }
      const text = new TextDecoder().decode(
        Uint8Array.from(atob(String(body.content ?? "")), (c) => c.charCodeAt(0)),
      );
      state.files.set(key, text);
      const commit = sha(`${key}:${state.files.size}:${stamp}:${text.length}`);
      state.refs.set(`heads/${branch}`, commit);
      return json(current === undefined ? 201 : 200, {
        content: contentJson(owner, repo, branch, path, text),
        commit: { sha: commit, message: body.message },
      });
    }
    if (rest === "/pulls" && method === "POST") {
      const head = String(body.head ?? "").replace(/^[^:]+:/, "");
      const baseRef = String(body.base ?? "main");
      const invalid = (message: string) =>
        json(422, {
          message: "Validation Failed",
          errors: [{ resource: "PullRequest", code: "custom", message }],
          documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        });
      if (state.pulls.some((p) => p.head === head && p.base === baseRef && p.state === "open")) {
        return invalid(`A pull request already exists for ${owner}:${head}.`);
      }
      const headSha = state.refs.get(`heads/${head}`);
      if (!headSha || !state.refs.has(`heads/${baseRef}`)) {
        return invalid(`head or base ref does not exist`);
      }
      if (headSha === state.refs.get(`heads/${baseRef}`)) {
        return invalid(`No commits between ${baseRef} and ${head}`);
      }
      const pull: FakePull = {
        number: state.issues.length + state.pulls.length + 1,
        title: String(body.title ?? ""),
        body: String(body.body ?? ""),
        head,
        base: baseRef,
        merged: false,
        state: "open",
      };
      state.pulls.push(pull);
      return json(201, pullJson(owner, repo, pull));
    }
    if (rest === "/pulls" && method === "GET") {
      const [headOwner, head] = (url.searchParams.get("head") ?? "").split(":");
      const wanted = url.searchParams.get("state") ?? "open";
      return json(
        200,
        state.pulls.filter((p) =>
          (!headOwner || (headOwner === owner && p.head === head)) &&
          (wanted === "all" || p.state === wanted)
        ).map((p) => pullJson(owner, repo, p)),
      );
    }
    if ((m = /^\/compare\/(.+)\.\.\.(.+)$/.exec(rest)) && method === "GET") {
      const [baseRef, headRef] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
      const contained = state.tags.get(headRef);
      if (!contained) return json(404, { message: "Not Found" });
      const inTag = contained.has(baseRef);
      return json(200, {
        status: inTag ? "ahead" : "diverged",
        ahead_by: 1,
        behind_by: inTag ? 0 : 1,
        total_commits: 1,
        html_url: `https://github.com/${owner}/${repo}/compare/${baseRef}...${headRef}`,
      });
    }
    return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  };

  const contentJson = (
    owner: string,
    repo: string,
    branch: string,
    path: string,
    text: string,
  ) => ({
    type: "file",
    encoding: "base64",
    name: path.split("/").pop(),
    path,
    size: new TextEncoder().encode(text).length,
    sha: blobSha(text),
    content: btoa(String.fromCharCode(...new TextEncoder().encode(text))),
    url: `${base}/repos/${owner}/${repo}/contents/${path}?ref=${branch}`,
    html_url: `https://github.com/${owner}/${repo}/blob/${branch}/${path}`,
  });

  const pullAsIssue = (owner: string, repo: string, pull: FakePull) => ({
    id: 2000 + pull.number,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    labels: [],
    pull_request: { url: `${base}/repos/${owner}/${repo}/pulls/${pull.number}` },
    html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
  });

  const pullJson = (owner: string, repo: string, pull: FakePull) => ({
    id: 2000 + pull.number,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    merged: pull.merged,
    head: { ref: pull.head, label: `${owner}:${pull.head}` },
    base: { ref: pull.base },
    html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
  });

  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port: options.port ?? 0,
      onListen: () => {},
    }, handle);
    base = `http://127.0.0.1:${server.addr.port}`;
    resolve({
      url: base,
      state,
      inject: (...f) => failures.push(...f),
      close: async () => {
        await server.shutdown();
        if (state.violations.length > 0) {
          throw new Error(
            `Requests that depart from GitHub's description:\n${
              state.violations.map((v) => `${v.request}: ${v.violations.join("; ")}`).join("\n")
            }`,
          );
        }
      },
    });
  });
}

function failureResponse(failure: InjectedFailure, nowMs: number): Response {
  const seconds = failure.seconds ?? 1;
  switch (failure.kind) {
    case "502":
      return new Response("<html>502 Bad Gateway</html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      });
    case "secondary":
      return json(403, {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      }, { "retry-after": String(seconds) });
    case "429":
      return json(429, { message: "Too Many Requests" }, { "retry-after": String(seconds) });
    case "primary":
      return json(403, {
        message: "API rate limit exceeded for installation ID 99.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      }, {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": "5000",
        "x-ratelimit-reset": String(Math.ceil(nowMs / 1000) + seconds),
      });
  }
}

function json(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      ...headers,
    },
  });
}

function asLabels(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((l) => typeof l === "string" ? l : String((l as { name?: unknown }).name));
}

/** A stable stand-in for a git blob sha of `text`. */
function blobSha(text: string): string {
  return sha(`blob:${text}`);
}

function sha(seed: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
}
