/**
 * The sanitizer's public entry (`@caro/caro/sanitizer`): nothing personal
 * or secret leaves the machine. {@link sanitizeText} redacts one string with
 * typed placeholders (`<EMAIL>`, `<SECRET:github>`, `<USER>`, `<IP>`,
 * `<HOST>` …) and counts what it redacted per category. Keyed hashing
 * correlates values (the working directory) without revealing them.
 * Sanitizing a whole report (`sanitizeReport`, whose result type is the only
 * one the healing client can serialise) goes with the report's types, in the
 * root module.
 *
 * Guarantees: linear time in the input (no backtracking-prone patterns, every
 * repetition bounded); placeholders, versions, SHAs, digests, UUIDs, loopback
 * addresses, package specs and flags are kept verbatim.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizeText } from "./mod.ts";
 * const { text } = sanitizeText("cat /home/ada/.ssh/config");
 * assert(text === "cat /home/<USER>/.ssh/config");
 * ```
 *
 * @module
 */
export { type SanitizeResult, sanitizeText } from "./sanitize_text.ts";
export {
  formatSummary,
  mergeSummaries,
  PLACEHOLDERS,
  type RedactionSummary,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
  STRETCH_CATEGORIES,
} from "./categories.ts";
export { HASH_KEY_FILE, importHashKey, keyedHash, loadOrCreateHashKey } from "./keyed_hash.ts";
export type { SanitizedText } from "../protocol/report/schema.ts";
