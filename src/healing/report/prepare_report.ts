/**
 * From a reported failure to the payload: build the full report, trim it to
 * the consent level, redact each value the sanitizer finds in any field in
 * every field (`one_redaction.ts`), sanitize every free-text field, serialise. The order
 * matters: nothing beyond consent is even sanitized, and nothing unsanitized
 * can be serialised (see `report_payload.ts`).
 *
 * @module
 */
import { trimToConsent } from "../../protocol/report/consent_fields.ts";
import {
  type ConsentLevel,
  REPORT_SCHEMA_VERSION,
  type WireReport,
} from "../../protocol/report/schema.ts";
import { mergeSummaries } from "../../sanitizer/mod.ts";
import { sanitizeReport } from "../../sanitizer/sanitize_report.ts";
import { sanitizeText } from "../../sanitizer/sanitize_text.ts";
import type { ReportContext } from "../../doctor/report_context.ts";
import { foldRequestShape } from "../../protocol/report/signature.ts";
import { CARO_VERSION } from "../../version.ts";
import type { Contact } from "../contact/parse_contact.ts";
import type { FailureInput } from "./failure_input.ts";
import { type ReportPayload, serializeReport } from "./report_payload.ts";
import { complexityScore } from "./complexity_score.ts";
import { redactAcrossFields } from "./one_redaction.ts";

/** The per-report facts that are not about the failure. */
export interface ReportMeta {
  /** The report id (a UUID), also the idempotency key. */
  id: string;
  nowMs: number;
  level: ConsentLevel;
  contact: Contact | null;
}

/**
 * Builds the payload for one failure at one consent level.
 *
 * @example A minimal report leaves the request's words out entirely
 * ```ts
 * import assert from "node:assert/strict";
 * import { prepareReport } from "./prepare_report.ts";
 * const payload = await prepareReport(
 *   { request: "delete /home/ada/tmp", failureType: "generation", stage: "inference",
 *     safetyPatterns: [], intent: "file_management" },
 *   { platform: { os: "linux", arch: "x86_64" } },
 *   { id: crypto.randomUUID(), nowMs: Date.now(), level: "minimal", contact: null },
 * );
 * assert(!/\bada\b/.test(payload.text) && !("shape" in payload.report.request));
 * ```
 */
export function prepareReport(
  input: FailureInput,
  context: ReportContext,
  meta: ReportMeta,
): Promise<ReportPayload> {
  // The shape is folded from the request as the sanitizer leaves it: folding
  // first (lower case, cut at 256) would hide secrets from its rules.
  const request = input.request === undefined ? undefined : sanitizeText(input.request);
  const full: WireReport = {
    schema_version: REPORT_SCHEMA_VERSION,
    id: meta.id,
    timestamp: new Date(meta.nowMs).toISOString(),
    consent_level: meta.level,
    caro_version: CARO_VERSION,
    platform: context.platform,
    ...(context.shell ? { shell: context.shell } : {}),
    ...backendBlock(input, context),
    request: {
      intent_category: input.intent,
      ...(input.request !== undefined && request !== undefined
        ? {
          shape: foldRequestShape(request.text),
          complexity_score: complexityScore(input.request),
          text: input.request,
        }
        : {}),
      ...(input.command !== undefined ? { generated_command: input.command } : {}),
    },
    failure: {
      failure_type: input.failureType,
      stage: input.stage,
      ...(input.errorCode ? { error_code: input.errorCode } : {}),
      safety_patterns_triggered: input.safetyPatterns,
      ...(input.errorMessage !== undefined ? { error_message: input.errorMessage } : {}),
    },
    ...(context.safety_context ? { safety_context: context.safety_context } : {}),
    ...(meta.contact ? { contact: meta.contact } : {}),
  };
  const trimmed = trimToConsent(full, meta.level);
  // Values redacted in any field the user gave, sent or not, are redacted in what is sent.
  const given = [input.request, input.command, input.errorMessage];
  const across = redactAcrossFields(trimmed, given.filter((text) => text !== undefined));
  const { report, summary } = sanitizeReport(across.report);
  // What redacting the request took from the shape, when the shape is sent.
  const fromShape = trimmed.request.shape !== undefined && request ? request.summary : {};
  return serializeReport(report, mergeSummaries([summary, across.summary, fromShape]));
}

/** The caller's `--backend`/`--model` describe the failing run; else what the doctor found. */
function backendBlock(input: FailureInput, context: ReportContext): Pick<WireReport, "backend"> {
  if (input.backend) {
    return { backend: { type: input.backend, ...(input.model ? { model: input.model } : {}) } };
  }
  if (!context.backend) return {};
  return { backend: { ...context.backend, ...(input.model ? { model: input.model } : {}) } };
}
