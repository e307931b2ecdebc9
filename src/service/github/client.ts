/**
 * The GitHub REST client the healing service uses: the real `@octokit/core`
 * with the REST endpoint methods, GitHub's recommended request spacing and
 * rate-limit handling (`@octokit/plugin-throttling`), retries of transient
 * server errors (`@octokit/plugin-retry`), and token or GitHub App auth
 * (`@octokit/auth-app`). Waits longer than `maxInProcessWaitSeconds` are not
 * sat out here: the request fails and the durable outbox retries the job at
 * the time GitHub named (see `retry_at.ts`). Every request accepts
 * `application/vnd.github+json` and names the REST API version it was written
 * against (`X-GitHub-Api-Version: 2022-11-28`), as GitHub asks clients to.
 *
 * @module
 */
import { Octokit } from "@octokit/core";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { throttling } from "@octokit/plugin-throttling";
import { retry } from "@octokit/plugin-retry";
import { createAppAuth } from "@octokit/auth-app";

const GitHubOctokit = Octokit.plugin(restEndpointMethods, throttling, retry);

/** The REST API version every request names. */
export const GITHUB_API_VERSION = "2022-11-28";

/** The Octokit instance type the GitHub workers receive. */
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

/** Personal access token (development) or GitHub App installation (production). */
export type GitHubAuth =
  | { token: string }
  | { appId: string | number; privateKey: string; installationId: number };

/** Options for {@link createGitHubClient}. */
export interface GitHubClientOptions {
  auth: GitHubAuth;
  /** API root; a local fake in tests. Default `https://api.github.com`. */
  baseUrl?: string;
  /** The longest rate-limit wait sat out in-process; longer waits go back to the outbox. Default 60. */
  maxInProcessWaitSeconds?: number;
  /**
   * Milliseconds per second of a `retry-after` (and per backoff step). GitHub
   * semantics: 1000; tests pass 1 so the real plugins run without real waits.
   */
  msPerRetrySecond?: number;
  /** Keep GitHub's spacing (writes ≥ 1 s, notifying writes ≥ 3 s apart). Default true. */
  spaceWrites?: boolean;
  /** Where Octokit's warnings go (never report text). Default: dropped. */
  warn?: (message: string) => void;
}

/** A limiter that runs jobs at once (used when write spacing is off). */
const immediate = {
  key: () => ({
    schedule: <A extends unknown[], R>(_options: unknown, job: (...args: A) => R, ...args: A) =>
      Promise.resolve(job(...args)),
  }),
};

/**
 * Builds the client.
 *
 * @example Token auth against a local fake
 * ```ts
 * import assert from "node:assert/strict";
 * import { createGitHubClient } from "./client.ts";
 * const github = createGitHubClient({ auth: { token: "ghp_example" }, baseUrl: "http://127.0.0.1:9" });
 * assert(typeof github.rest.issues.create === "function");
 * const { headers } = github.request.endpoint("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
 * assert.equal(headers["user-agent"]?.startsWith("caro-healing-service"), true);
 * ```
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const maxWait = options.maxInProcessWaitSeconds ?? 60;
  const warn = options.warn ?? (() => {});
  const quiet = { debug: () => {}, info: () => {}, warn, error: warn };
  const spacing = options.spaceWrites === false
    ? { write: immediate, notifications: immediate }
    : {};
  const common = {
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: "caro-healing-service",
    log: quiet,
    throttle: {
      ...spacing,
      retryAfterBaseValue: options.msPerRetrySecond ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: (after: number, _o: unknown, _k: unknown, retryCount: number) =>
        retryCount < 1 && after <= maxWait,
      onSecondaryRateLimit: (after: number, _o: unknown, _k: unknown, retryCount: number) =>
        retryCount < 1 && after <= maxWait,
    },
    retry: { retryAfterBaseValue: options.msPerRetrySecond ?? 1000, retries: 2 },
  };
  const github = "token" in options.auth
    ? new GitHubOctokit({ ...common, auth: options.auth.token })
    : new GitHubOctokit({
      ...common,
      authStrategy: createAppAuth,
      auth: {
        appId: options.auth.appId,
        privateKey: options.auth.privateKey,
        installationId: options.auth.installationId,
      },
    });
  github.hook.before("request", (request) => {
    request.headers.accept = "application/vnd.github+json";
    request.headers["x-github-api-version"] = GITHUB_API_VERSION;
  });
  return github;
}
