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
  const sent: number[] = [];
  github.hook.before("request", (options) => {
    if (options.method === "GET" || options.method === "HEAD") return;
    if (/^\/app\//.test(String(options.url))) return; // token exchange, not content
    const t = now();
    while (sent.length && sent[0] <= t - 60_000) sent.shift();
    if (sent.length >= perMinute) throw new WriteBudgetExhausted(sent[0] + 60_000);
    sent.push(t);
  });
}
