/**
 * The bytes that leave the machine. A {@link ReportPayload} can only be made
 * from a {@link SanitizedReport} (the type the sanitizer hands out), so raw
 * text cannot be serialised for sending by mistake. The pretty-printed JSON
 * the consent preview shows IS the payload: same text, same bytes, same
 * SHA-256.
 *
 * @module
 */
import { fieldsBeyondConsent } from "../../protocol/report/consent_fields.ts";
import { DiagnosticReport, type SanitizedReport } from "../../protocol/report/schema.ts";
import type { RedactionSummary } from "../../sanitizer/mod.ts";
import { sha256Hex } from "../../platform/hex.ts";

/** A report ready to send: its exact text, bytes and hash. */
export interface ReportPayload {
  readonly report: SanitizedReport;
  readonly summary: RedactionSummary;
  /** Pretty-printed JSON, two-space indent, trailing newline. */
  readonly text: string;
  /** `text` as UTF-8: exactly what is POSTed. */
  readonly bytes: Uint8Array;
  /** Hex SHA-256 of `bytes`. */
  readonly sha256: string;
}

/**
 * Serialises a sanitized report; refuses (as a bug) a report that breaks the
 * wire schema or carries fields beyond its consent level.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { serializeReport } from "./report_payload.ts";
 * import { sanitizeReport } from "../../sanitizer/sanitize_report.ts";
 * const { report, summary } = sanitizeReport({
 *   schema_version: 1, id: "6f1c1a55-3b5e-4a8e-9a57-2d7b0c0f3e11", timestamp: "2026-11-24T23:00:00Z",
 *   consent_level: "minimal", caro_version: "0.1.0", platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "other" },
 *   failure: { failure_type: "unknown", stage: "unknown", safety_patterns_triggered: [] },
 * });
 * const payload = await serializeReport(report, summary);
 * assert(payload.text.startsWith('{\n  "schema_version": 1,') && payload.sha256.length === 64);
 * ```
 */
export async function serializeReport(
  report: SanitizedReport,
  summary: RedactionSummary,
): Promise<ReportPayload> {
  const checked = DiagnosticReport.safeParse(report);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`report breaks the wire schema at ${issue.path.join(".")}: ${issue.message}`);
  }
  const beyond = fieldsBeyondConsent(checked.data);
  if (beyond.length > 0) throw new Error(`report carries fields beyond consent: ${beyond}`);
  const text = JSON.stringify(report, null, 2) + "\n";
  const bytes = new TextEncoder().encode(text);
  return { report, summary, text, bytes, sha256: await sha256Hex(bytes) };
}
