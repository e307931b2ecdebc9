/**
 * A self-imposed cap on content-creating GitHub requests (any non-GET), well
 * under GitHub's secondary limit of 80 a minute: a rolling one-minute window
 * with an injected clock. When the budget is spent the request is not sent;
 * it fails with {@link WriteBudgetExhausted}, whose `retryAt` the outbox uses
 * to reschedule the job.
 *
 * @module
 */
import type { GitHubClient } from "./client.ts";

/** Thrown instead of sending a write over the budget. */
export class WriteBudgetExhausted extends Error {
  /** Epoch ms when a write slot frees up. */
  readonly retryAt: number;
  constructor(retryAt: number) {
    super(`GitHub write budget spent; next slot at ${new Date(retryAt).toISOString()}`);
    this.name = "WriteBudgetExhausted";
    this.retryAt = retryAt;
  }
}

/** Default writes per minute: well under GitHub's 80. */
export const DEFAULT_WRITES_PER_MINUTE = 30;

/** Default new issues per hour: a flood files slowly, the highest-priority cases first. */
export const DEFAULT_ISSUES_PER_HOUR = 20;

/**
 * Installs the cap on a client (a `before request` hook).
 *
 * @example
 * ```ts
 * import { createGitHubClient } from "./client.ts";
 * import { capWrites } from "./write_budget.ts";
 * const github = createGitHubClient({ auth: { token: "ghp_example" }, baseUrl: "http://127.0.0.1:9" });
 * capWrites(github, 30, Date.now);
 * ```
 */
export function capWrites(github: GitHubClient, perMinute: number, now: () => number): void {
  capRequests(
    github,
    perMinute,
    60_000,
    now,
    (method, url) => method !== "GET" && method !== "HEAD" && !/^\/app\//.test(url),
  ); // token exchange is not content
}

/**
 * Caps new issues (`POST /repos/{owner}/{repo}/issues`) in a rolling hour:
 * the outbox files the highest-priority cases first and the rest wait for a
 * slot instead of filing a flood at once.
 *
 * @example
 * ```ts
 * import { createGitHubClient } from "./client.ts";
 * import { capIssueCreation } from "./write_budget.ts";
 * const github = createGitHubClient({ auth: { token: "ghp_example" }, baseUrl: "http://127.0.0.1:9" });
 * capIssueCreation(github, 20, Date.now);
 * ```
 */
export function capIssueCreation(github: GitHubClient, perHour: number, now: () => number): void {
  capRequests(
    github,
    perHour,
    3_600_000,
    now,
    (method, url) => method === "POST" && /^\/repos\/\{owner\}\/\{repo\}\/issues$/.test(url),
  );
}

function capRequests(
  github: GitHubClient,
  limit: number,
  windowMs: number,
  now: () => number,
  counts: (method: string, url: string) => boolean,
): void {
  const sent: number[] = [];
  github.hook.before("request", (options) => {
    if (!counts(String(options.method), String(options.url))) return;
    const t = now();
    while (sent.length && sent[0] <= t - windowMs) sent.shift();
    if (sent.length >= limit) throw new WriteBudgetExhausted(sent[0] + windowMs);
    sent.push(t);
  });
}
