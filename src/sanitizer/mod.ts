/**
 * The sanitizer's public entry: nothing personal or secret leaves the
 * machine. {@link sanitizeText} redacts one string with typed placeholders
 * (`<EMAIL>`, `<SECRET:github>`, `<USER>`, `<IP>`, `<HOST>` …) and counts
 * what it redacted per category; {@link sanitizeReport} applies it to every
 * free-text field of a report and returns the {@link SanitizedReport} type,
 * the only one the healing client can serialise. Keyed hashing correlates
 * values (the working directory) without revealing them.
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
export { type RawReport, sanitizeReport } from "./sanitize_report.ts";
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
export type {
  SanitizedFailureInfo,
  SanitizedReport,
  SanitizedRequestInfo,
  SanitizedText,
} from "../protocol/report/schema.ts";
