/**
 * The error body every rejection uses, so the client always knows whether
 * and when to retry:
 * `{"error": {"code", "message", "field"?, "retry", "retry_after_s"?}}`.
 *
 * @module
 */

import type { ApiErrorCode } from "../../protocol/api_error_codes.ts";

/** What an error answer says. */
export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message: string;
  field?: string;
  /** Whether sending the same request later can succeed. */
  retry: boolean;
  retryAfterS?: number;
  headers?: Record<string, string>;
}

/**
 * Builds the JSON error response (with `Retry-After` when a wait is known).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { apiError } from "./api_error.ts";
 * const res = apiError({ status: 429, code: "rate_limited", message: "slow down", retry: true, retryAfterS: 30 });
 * assert(res.headers.get("retry-after") === "30");
 * ```
 */
export function apiError(init: ApiErrorInit): Response {
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    ...init.headers,
  };
  if (init.retryAfterS !== undefined) headers["retry-after"] = String(init.retryAfterS);
  const error: Record<string, unknown> = { code: init.code, message: init.message };
  if (init.field !== undefined) error.field = init.field;
  error.retry = init.retry;
  if (init.retryAfterS !== undefined) error.retry_after_s = init.retryAfterS;
  return new Response(JSON.stringify({ error }), { status: init.status, headers });
}
