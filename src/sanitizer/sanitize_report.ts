/**
 * `sanitizeReport`: turns a report whose free-text fields are raw strings
 * into a {@link SanitizedReport}, the only report type the healing client may
 * serialise. Each free-text field goes through {@link sanitizeText}, then is
 * cut to the wire schema's maximum length (cutting sanitized text cannot
 * reveal anything).
 *
 * @module
 */
import type { SanitizedReport, SanitizedText, WireReport } from "../protocol/report/schema.ts";
import { mergeSummaries, type RedactionSummary } from "./categories.ts";
import { sanitizeText } from "./sanitize_text.ts";

/** A report as the collector builds it: free-text fields still raw. */
export type RawReport = WireReport;

/** Maximum lengths of the free-text fields in the wire schema. */
export const FREE_TEXT_LIMITS = {
  shape: 512,
  text: 2048,
  generated_command: 4096,
  error_message: 4096,
} as const;

/**
 * Sanitizes every free-text field of `report` and returns the report with
 * the merged redaction summary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizeReport } from "./sanitize_report.ts";
 * const { report, summary } = sanitizeReport({
 *   schema_version: 1,
 *   id: "6f1c1a55-3b5e-4a8e-9a57-2d7b0c0f3e11",
 *   timestamp: "2026-11-24T23:00:00Z",
 *   consent_level: "full",
 *   caro_version: "0.1.0",
 *   platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "network", text: "ssh to 10.0.4.7" },
 *   failure: { failure_type: "execution", stage: "execution", safety_patterns_triggered: [] },
 * });
 * assert(report.request.text === "ssh to <IP>" && summary.ipv4 === 1);
 * ```
 */
export function sanitizeReport(
  report: RawReport,
): { report: SanitizedReport; summary: RedactionSummary } {
  const summaries: RedactionSummary[] = [];
  const clean = (value: string | undefined, max: number): SanitizedText | undefined => {
    if (value === undefined) return undefined;
    const { text, summary } = sanitizeText(value);
    summaries.push(summary);
    return cutToLength(text, max);
  };
  const { shape, text, generated_command, ...requestRest } = report.request;
  const { error_message, ...failureRest } = report.failure;
  const request: SanitizedReport["request"] = { ...requestRest };
  const cleanShape = clean(shape, FREE_TEXT_LIMITS.shape);
  if (cleanShape !== undefined) request.shape = cleanShape;
  const cleanText = clean(text, FREE_TEXT_LIMITS.text);
  if (cleanText !== undefined) request.text = cleanText;
  const cleanCommand = clean(generated_command, FREE_TEXT_LIMITS.generated_command);
  if (cleanCommand !== undefined) request.generated_command = cleanCommand;
  const failure: SanitizedReport["failure"] = { ...failureRest };
  const cleanError = clean(error_message, FREE_TEXT_LIMITS.error_message);
  if (cleanError !== undefined) failure.error_message = cleanError;
  return {
    report: { ...report, request, failure },
    summary: mergeSummaries(summaries),
  };
}

/** Cuts sanitized text to `max` UTF-16 units without splitting a surrogate pair. */
function cutToLength(text: SanitizedText, max: number): SanitizedText {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) as SanitizedText;
}
