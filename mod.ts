/**
 * caro as a library: the same code the `caro` command runs, for host programs
 * (CARO itself) that want to diagnose, redact, report a failure with consent
 * and show the user when their problem is fixed.
 *
 * - {@link runDiagnostics}: the doctor's typed result (what `caro doctor --json` prints).
 * - {@link sanitize}: redact one text (typed placeholders plus a per-category summary).
 * - {@link reportFailure}: build, sanitize, ask consent, sign and send (or queue) a report.
 * - {@link checkNotifications}: notices about this install's cases (at most a daily request).
 *
 * Privacy: nothing leaves the machine without consent (a library call never
 * prompts, so it sends only with `consent` given or a remembered Always), and
 * only a sanitized report is ever sent.
 *
 * @example Redact a line before logging it
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitize } from "./mod.ts";
 * const { text, summary } = sanitize("token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB for ada@example.org");
 * assert(!text.includes("ada@example.org"));
 * assert.equal(summary.email, 1);
 * ```
 *
 * @example Diagnose this machine
 * ```ts
 * import assert from "node:assert/strict";
 * import { doctorExitCode, runDiagnostics } from "./mod.ts";
 * const result = await runDiagnostics({ budgetMs: 1500 });
 * assert(result.checks.length > 0);
 * assert([0, 1].includes(doctorExitCode(result.summary)));
 * ```
 *
 * @module
 */
export {
  type RedactionSummary,
  type SanitizedText,
  type SanitizeResult,
  sanitizeText,
  sanitizeText as sanitize,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from "./src/sanitizer/mod.ts";
export { type RawReport, sanitizeReport } from "./src/sanitizer/sanitize_report.ts";
export type { SanitizedReport } from "./src/protocol/report/schema.ts";
export {
  type DiagnosticsOptions,
  doctorExitCode,
  runDiagnostics,
} from "./src/doctor/run_diagnostics.ts";
export { type ReportContext, reportContextFromDiagnostics } from "./src/doctor/report_context.ts";
export {
  CheckStatus,
  DOCTOR_SCHEMA_VERSION,
  DoctorCheck,
  DoctorOutput,
  DoctorSection,
  type EndpointKind,
} from "./src/doctor/doctor_output_schema.ts";
export { type HumanOptions, renderHuman } from "./src/doctor/render/render_human.ts";
export { renderMarkdown } from "./src/doctor/render/render_markdown.ts";
export {
  BACKEND_TYPES,
  type BackendInfo,
  type BackendType,
  type ConsentLevel,
  CONTACT_METHODS,
  type ContactInfo,
  type ContactMethod,
  DiagnosticReport,
  FAILURE_TYPES,
  type FailureInfo,
  type FailureType,
  INTENT_CATEGORIES,
  type IntentCategory,
  OS_FAMILIES,
  type OsFamily,
  PIPELINE_STAGES,
  type PipelineStage,
  type PlatformInfo,
  type REPORT_SCHEMA_VERSION,
  type RequestInfo,
  SAFETY_LEVELS,
  type SafetyContext,
  type SafetyLevel,
  type SanitizedFailureInfo,
  type SanitizedRequestInfo,
  SHELL_NAMES,
  type ShellInfo,
  type ShellName,
  type WireReport,
} from "./src/protocol/report/schema.ts";
export type { InstallKey } from "./src/protocol/signed_request.ts";
export type {
  EnumValidator,
  ValidationIssue,
  ValidationResult,
  Validator,
} from "./src/protocol/validator.ts";
export {
  reportFailure,
  type ReportFailureOptions,
  type ReportOutcome,
} from "./src/healing/report/report_failure.ts";
export type { FailureInput, RawFailureFields } from "./src/healing/report/failure_input.ts";
export type { RefuseReason } from "./src/healing/consent/decide_consent.ts";
export {
  checkNotifications,
  type CheckNotificationsOptions,
  type NotificationsCheck,
} from "./src/healing/notification/check_notifications.ts";
export type { Notice } from "./src/healing/notification/notice_store.ts";
export { envFrom, type EnvReader } from "./src/platform/env.ts";
export { SILENT_SINK, type TextSink } from "./src/platform/text_sink.ts";
export { CaroError, UsageError } from "./src/errors.ts";
export { CARO_VERSION } from "./src/version.ts";
