/**
 * The `error.code` values the healing service answers with
 * (`{"error": {"code", "message", "field"?, "retry", "retry_after_s"?}}`),
 * listed once: the service can send no other (its error helpers take an
 * {@link ApiErrorCode}), and contracts/healing-api.yaml lists exactly these
 * (tests/service/contract_routes_test.ts).
 *
 * @module
 */

/**
 * Every error code, grouped by where it is decided.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { API_ERROR_CODES } from "./api_error_codes.ts";
 * assert(API_ERROR_CODES.includes("rate_limited"));
 * ```
 */
export const API_ERROR_CODES = [
  // HTTP framing, before any route
  "bad_request",
  "headers_too_large",
  "too_large",
  "overloaded",
  "internal",
  "starting",
  "store_unavailable",
  "not_found",
  // signed requests
  "signature_missing",
  "signature_malformed",
  "signature_skew",
  "signature_invalid",
  // report bodies
  "unsupported_media_type",
  "invalid_json",
  "invalid_utf8",
  "invalid_schema",
  "idempotency_key_mismatch",
  "unknown_consent_level",
  "beyond_consent",
  "invalid_contact",
  "report_id_taken",
  "rate_limited",
  // the install's own data and lookups
  "invalid_cursor",
  "forbidden",
  // webhooks
  "webhooks_disabled",
  "missing_headers",
] as const;

/** One of {@link API_ERROR_CODES}. */
export type ApiErrorCode = typeof API_ERROR_CODES[number];
