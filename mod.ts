/**
 * caro as a library: diagnose a CARO install, sanitize text, report a
 * failure with consent, and read the notices for fixed cases: the same code
 * the `caro` command runs.
 *
 * @example Redact a line before logging it
 * ```ts
 * import { sanitize } from "./mod.ts";
 * const { text, summary } = sanitize("token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB for ada@example.org");
 * console.assert(!text.includes("ada@example.org"));
 * console.assert(summary.email === 1);
 * ```
 *
 * @module
 */
export {
  type RedactionSummary,
  type SanitizedReport,
  sanitizeReport,
  type SanitizeResult,
  sanitizeText as sanitize,
  sanitizeText,
} from "./src/doctor/sanitizer/mod.ts";
export { CARO_VERSION } from "./src/version.ts";
