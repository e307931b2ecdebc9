/**
 * When the outbox should try a failed GitHub job again, from GitHub's own
 * answer: `retry-after` (secondary limits, 429), `x-ratelimit-reset` (primary
 * limit), else exponential backoff; or never, for answers that will not change.
 *
 * @module
 */

/** The outbox's next step for a failed job. */
export type RetryDecision = { retry: true; at: number; reason: string } | {
  retry: false;
  reason: string;
};

const MAX_BACKOFF_MS = 3600_000;

/**
 * Decides when to retry after `error` on attempt number `attempt` (1-based).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { retryDecision } from "./retry_at.ts";
 * const error = { status: 403, message: "secondary rate limit", response: { headers: { "retry-after": "30" } } };
 * const d = retryDecision(error, 1_000, 1);
 * assert(d.retry && d.at === 31_000);
 * ```
 */
export function retryDecision(error: unknown, nowMs: number, attempt: number): RetryDecision {
  const e = error as {
    status?: number;
    message?: string;
    response?: { headers?: Record<string, string | undefined> };
  };
  const budgetRetryAt = (error as { retryAt?: unknown }).retryAt;
  if (typeof budgetRetryAt === "number") {
    return { retry: true, at: budgetRetryAt, reason: "own write budget spent" };
  }
  const status = e.status ?? 0;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if ((status === 403 || status === 429) && retryAfter > 0) {
    return { retry: true, at: nowMs + retryAfter * 1000, reason: `rate limited (${status})` };
  }
  if (status === 403 && headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    return { retry: true, at: Math.max(nowMs, reset) + 1000, reason: "primary rate limit" };
  }
  if (status === 403 && /secondary rate/i.test(e.message ?? "")) {
    return { retry: true, at: nowMs + 60_000, reason: "secondary rate limit" };
  }
  if ([400, 401, 403, 404, 410, 422].includes(status)) {
    return { retry: false, reason: `GitHub answered ${status}` };
  }
  const backoff = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempt - 1));
  return {
    retry: true,
    at: nowMs + backoff,
    reason: status ? `GitHub answered ${status}` : "network error",
  };
}
