/**
 * One try at `POST /v1/reports`: the exact report bytes, signed, with the
 * report id as `Idempotency-Key` (so a retry after a lost answer cannot file
 * it twice), classified into what the caller should do next:
 *
 * | answer                                             | what it means                                  |
 * | -------------------------------------------------- | ---------------------------------------------- |
 * | 200/201 with a receipt                             | accepted                                       |
 * | 429, 503                                           | rate limited; `Retry-After` obeyed, ≤ 24 h     |
 * | 408, 5xx, 4xx with `retry: true`, unreadable 2xx   | retry                                          |
 * | 400, 413, 422 with the service's error body        | rejected for good: dropped, its message shown  |
 * | any other answer (404, 405, 401, 3xx …)            | configuration problem: kept, not retried now   |
 *
 * Every string taken from the answer passes `printableText` here, at the
 * door, so no later output (the submitted line, reasons, `caro cases`) can
 * carry an escape sequence from the service.
 *
 * @module
 */
import type { InstallKey } from "../../protocol/signed_request.ts";
import { printableText } from "../../platform/printable_text.ts";
import { RequestFailure, signedFetch } from "./signed_fetch.ts";

/** The longest `Retry-After` obeyed: 24 h (an absurd one must not stop sending for years). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** Statuses by which the service says "I will never accept this report". */
const NEVER_ACCEPTED = new Set([400, 413, 422]);

/** What the service answered for an accepted report. */
export interface Receipt {
  reportId: string;
  caseId: string;
  status: string;
  trackUrl: string;
  fixedIn?: string;
  message?: string;
}

/** The outcome of one try. */
export type AttemptResult =
  | { kind: "accepted"; receipt: Receipt }
  /**
   * Try again later; `retryAfterMs` when the service said when, `unreachable`
   * when no answer came at all (refused, reset, timeout).
   */
  | {
    kind: "retry";
    reason: string;
    retryAfterMs?: number;
    rateLimited?: boolean;
    unreachable?: boolean;
  }
  /** The service refused this report for good (400/413/422 with its error body). */
  | { kind: "rejected"; reason: string; httpStatus: number }
  /**
   * Cannot be sent now: a configuration problem (bad endpoint, host not
   * allowed, redirect, 404/405 …). Kept in the queue; not retried in this run.
   */
  | { kind: "blocked"; reason: string };

/** What {@link postReport} needs. */
export interface PostReportRequest {
  endpoint: string;
  reportId: string;
  body: Uint8Array;
  installKey: InstallKey;
  nowMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Sends the report once and classifies the answer.
 *
 * @example A service that is down asks for a retry
 * ```ts
 * import assert from "node:assert/strict";
 * import { postReport } from "./post_report.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * const installKey = await generateInstallKey();
 * const result = await postReport({
 *   endpoint: "http://127.0.0.1:9", reportId: "r1", body: new TextEncoder().encode("{}"),
 *   installKey, nowMs: Date.now(), timeoutMs: 2000,
 * });
 * assert(result.kind === "retry");
 * ```
 */
export async function postReport(request: PostReportRequest): Promise<AttemptResult> {
  try {
    const answer = await signedFetch({
      endpoint: request.endpoint,
      method: "POST",
      path: "/v1/reports",
      body: request.body,
      headers: { "idempotency-key": request.reportId },
      installKey: request.installKey,
      nowMs: request.nowMs,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      fetch: request.fetch,
    });
    return classifyAnswer(answer.status, answer.headers, answer.text, request.nowMs);
  } catch (error) {
    if (!(error instanceof RequestFailure)) throw error;
    return error.kind === "blocked"
      ? { kind: "blocked", reason: error.message }
      : { kind: "retry", reason: error.message, unreachable: true };
  }
}

/**
 * Classifies an HTTP answer to `POST /v1/reports`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyAnswer } from "./post_report.ts";
 * const result = classifyAnswer(429, new Headers({ "retry-after": "30" }), "", 0);
 * assert(result.kind === "retry" && result.retryAfterMs === 30_000);
 * ```
 */
export function classifyAnswer(
  status: number,
  headers: Headers,
  text: string,
  nowMs: number,
): AttemptResult {
  const json = parseJson(text);
  if (status === 200 || status === 201) {
    const receipt = readReceipt(json);
    return receipt
      ? { kind: "accepted", receipt }
      : { kind: "retry", reason: `unreadable answer from the service (HTTP ${status})` };
  }
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
  const message = typeof error?.message === "string"
    ? printableText(error.message).slice(0, 200)
    : undefined;
  const said = message ? `: ${message}` : "";
  if (status === 429 || status === 503) {
    const seconds = error?.retry_after_s;
    const retryAfterMs = retryAfter(headers.get("retry-after"), nowMs) ??
      (typeof seconds === "number" && seconds >= 0
        ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS)
        : undefined);
    const what = status === 429 ? "rate limited (HTTP 429)" : "service unavailable (HTTP 503)";
    return { kind: "retry", reason: `${what}${said}`, retryAfterMs, rateLimited: true };
  }
  if (status === 408 || status >= 500 || (status >= 400 && error?.retry === true)) {
    return { kind: "retry", reason: `service error (HTTP ${status})${said}` };
  }
  if (NEVER_ACCEPTED.has(status) && message) {
    return {
      kind: "rejected",
      reason: `refused by the service (HTTP ${status})${said}`,
      httpStatus: status,
    };
  }
  return {
    kind: "blocked",
    reason: `the healing endpoint answered HTTP ${status}${said}: check the endpoint setting`,
  };
}

/**
 * Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now,
 * at most {@link MAX_RETRY_AFTER_MS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_RETRY_AFTER_MS, retryAfter } from "./post_report.ts";
 * assert(retryAfter("120", 0) === 120_000);
 * assert(retryAfter("1000000000", 0) === MAX_RETRY_AFTER_MS);
 * assert(retryAfter(null, 0) === undefined);
 * ```
 */
export function retryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - nowMs;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

function readReceipt(json: unknown): Receipt | undefined {
  if (!isRecord(json)) return undefined;
  const { case_id, status, track_url, report_id, fixed_in, message } = json;
  if (typeof case_id !== "string" || typeof status !== "string" || typeof track_url !== "string") {
    return undefined;
  }
  return {
    reportId: typeof report_id === "string" ? printableText(report_id).slice(0, 128) : "",
    caseId: printableText(case_id).slice(0, 64),
    status: printableText(status).slice(0, 32),
    trackUrl: printableText(track_url).slice(0, 512),
    ...(typeof fixed_in === "string" ? { fixedIn: printableText(fixed_in).slice(0, 64) } : {}),
    ...(typeof message === "string" ? { message: printableText(message).slice(0, 500) } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
