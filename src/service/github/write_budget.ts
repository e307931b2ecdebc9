/**
 * A self-imposed cap on content-creating GitHub requests (any non-GET), well
 * under GitHub's secondary limit of 80 a minute: a fixed one-minute window
 * counted in the store's quota counters (`QuotaPort.consumeQuota`), so every
 * replica on one database spends one budget, with an injected clock. When
 * the budget is spent the request is not sent; it fails with
 * {@link WriteBudgetExhausted}, whose `retryAt` the outbox uses to
 * reschedule the job.
 *
 * @module
 */
import type { QuotaPort } from "../store/quota_port.ts";
import type { GitHubClient } from "./client.ts";

/** Where the budgets are counted (the store, shared by all replicas). */
export type BudgetCounter = Pick<QuotaPort, "consumeQuota">;

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
 * @example Thirty writes a minute, counted in a store
 * ```ts
 * import assert from "node:assert/strict";
 * import { createGitHubClient } from "./client.ts";
 * import { openStore } from "../store/open_store.ts";
 * import { capWrites } from "./write_budget.ts";
 * const store = await openStore(":memory:");
 * const github = createGitHubClient({ auth: { token: "ghp_example" }, baseUrl: "http://127.0.0.1:9" });
 * capWrites(github, 30, Date.now, store);
 * assert.equal(typeof github.request, "function");
 * await store.close();
 * ```
 */
export function capWrites(
  github: GitHubClient,
  perMinute: number,
  now: () => number,
  counter: BudgetCounter,
): void {
  capRequests(
    github,
    "github:writes",
    perMinute,
    60_000,
    now,
    counter,
    (method, url) => method !== "GET" && method !== "HEAD" && !/^\/app\//.test(url),
  ); // token exchange is not content
}

/**
 * Caps new issues (`POST /repos/{owner}/{repo}/issues`) in a rolling hour:
 * the outbox files the highest-priority cases first and the rest wait for a
 * slot instead of filing a flood at once.
 *
 * @example Twenty new issues an hour, counted in a store
 * ```ts
 * import assert from "node:assert/strict";
 * import { createGitHubClient } from "./client.ts";
 * import { openStore } from "../store/open_store.ts";
 * import { capIssueCreation } from "./write_budget.ts";
 * const store = await openStore(":memory:");
 * const github = createGitHubClient({ auth: { token: "ghp_example" }, baseUrl: "http://127.0.0.1:9" });
 * capIssueCreation(github, 20, Date.now, store);
 * assert.equal(typeof github.request, "function");
 * await store.close();
 * ```
 */
export function capIssueCreation(
  github: GitHubClient,
  perHour: number,
  now: () => number,
  counter: BudgetCounter,
): void {
  capRequests(
    github,
    "github:issues",
    perHour,
    3_600_000,
    now,
    counter,
    (method, url) => method === "POST" && /^\/repos\/\{owner\}\/\{repo\}\/issues$/.test(url),
  );
}

function capRequests(
  github: GitHubClient,
  bucket: string,
  limit: number,
  windowMs: number,
  now: () => number,
  counter: BudgetCounter,
  counts: (method: string, url: string) => boolean,
): void {
  github.hook.before("request", async (options) => {
    if (!counts(String(options.method), String(options.url))) return;
    const t = now();
    const decision = await counter.consumeQuota([{ scope: "github", bucket, limit, windowMs }], t);
    if (!decision.ok) throw new WriteBudgetExhausted(t + decision.retryAfterMs);
  });
}
