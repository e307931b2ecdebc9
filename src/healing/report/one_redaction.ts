/**
 * One report, one redaction: a value the sanitizer redacts in any field of a
 * report is redacted in every field of it. The sanitizer judges each field on
 * its own, so a password it recognises after `password=` in the request
 * would stay in clear in the generated command or the error message, where
 * nothing around it says "secret". This pass runs on the raw report, before
 * `sanitizeReport`: it collects the values each field's sanitizer run would
 * redact, puts the same placeholder in place of every occurrence (any case)
 * in every free-text field, and leaves out each token (`error_code`, the
 * backend's `model`, a `safety_patterns_triggered` id) the sanitizer would
 * change or that holds such a value, since a placeholder does not fit a
 * token's alphabet.
 *
 * @module
 */
import type { WireReport } from "../../protocol/report/schema.ts";
import type { RedactionSummary } from "../../sanitizer/mod.ts";
import { sanitizeTextWithValues } from "../../sanitizer/sanitize_text.ts";
import type { RedactedValue } from "../../sanitizer/span_board.ts";

/** Values shorter than this are not looked for elsewhere (too many innocent matches). */
export const MIN_SHARED_VALUE_LENGTH = 4;

/**
 * The report with every redacted value replaced in every free-text field,
 * and the count of those replacements per category (the later
 * `sanitizeReport` does not count a placeholder it finds already written).
 * `alsoFrom` are more texts whose redacted values count, though they are not
 * in the report: the raw request, command and error, which a lower consent
 * level leaves out but whose values (a user name in a path) can recur in
 * what is sent.
 *
 * @example The password after `password=` is also gone from the command
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactAcrossFields } from "./one_redaction.ts";
 * const { report, summary } = redactAcrossFields({
 *   schema_version: 1, id: "6f1c1a55-3b5e-4a8e-9a57-2d7b0c0f3e11", timestamp: "2026-11-24T23:00:00Z",
 *   consent_level: "full", caro_version: "0.1.0", platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "network", text: "log in with password=Tr0ub4dor-x",
 *     generated_command: "login --pw Tr0ub4dor-x" },
 *   failure: { failure_type: "execution", stage: "execution", safety_patterns_triggered: [] },
 * });
 * assert.equal(report.request.generated_command, "login --pw <PASSWORD>");
 * assert.equal(summary.password, 2);
 * ```
 */
export function redactAcrossFields(
  report: WireReport,
  alsoFrom: readonly string[] = [],
): { report: WireReport; summary: RedactionSummary } {
  const { request, failure, backend } = report;
  const texts = [request.shape, request.text, request.generated_command, failure.error_message];
  const tokens = [failure.error_code, backend?.model, ...failure.safety_patterns_triggered];
  const byValue = new Map<string, RedactedValue>();
  const changedTokens = new Set<string>();
  for (const field of [...texts, ...tokens, ...alsoFrom]) {
    if (field === undefined) continue;
    const { text, redacted } = sanitizeTextWithValues(field);
    if (text !== field && tokens.includes(field)) changedTokens.add(field);
    for (const found of redacted) {
      const key = found.value.toLowerCase();
      if (found.value.length >= MIN_SHARED_VALUE_LENGTH && !byValue.has(key)) {
        byValue.set(key, found);
      }
    }
  }
  if (byValue.size === 0 && changedTokens.size === 0) return { report, summary: {} };
  const summary: RedactionSummary = {};
  // One alternation, longest first, one pass: a placeholder just written is never matched again.
  const pattern = byValue.size === 0 ? undefined : new RegExp(
    [...byValue.values()].map((v) => v.value).sort((a, b) => b.length - a.length)
      .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "gi",
  );
  const redact = (field: string | undefined) =>
    field === undefined || pattern === undefined ? field : field.replace(pattern, (match) => {
      const found = byValue.get(match.toLowerCase())!;
      summary[found.category] = (summary[found.category] ?? 0) + 1;
      return found.placeholder;
    });
  const fits = (token: string) =>
    !changedTokens.has(token) && (pattern === undefined || token.search(pattern) === -1);
  const next: WireReport = {
    ...report,
    ...(backend
      ? {
        backend: withDefined({
          ...backend,
          model: backend.model !== undefined && fits(backend.model) ? backend.model : undefined,
        }),
      }
      : {}),
    request: withDefined({
      ...request,
      shape: redact(request.shape),
      text: redact(request.text),
      generated_command: redact(request.generated_command),
    }),
    failure: withDefined({
      ...failure,
      error_code: failure.error_code !== undefined && fits(failure.error_code)
        ? failure.error_code
        : undefined,
      safety_patterns_triggered: failure.safety_patterns_triggered.filter(fits),
      error_message: redact(failure.error_message),
    }),
  };
  return { report: next, summary };
}

/** The object without its `undefined` members (the wire schema is strict). */
function withDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
