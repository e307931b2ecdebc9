/**
 * The `DiagnosticReport`: what a caro install may send to the healing service
 * when the user consents, and nothing more. These zod schemas are the single
 * source of truth: the client builds reports against them, the service
 * validates incoming bodies with them, and `contracts/*.schema.json` is
 * generated from them (`deno task contracts`).
 *
 * Privacy by construction: every free-text field is typed {@link SanitizedText},
 * a string brand that only the sanitizer hands out, so a report holding raw
 * user text does not type-check as a {@link SanitizedReport}.
 *
 * @module
 */
import * as z from "zod/mini";
import { CONSENT_LEVELS } from "./consent_levels.ts";

/** Version of the report wire format; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1;

/** How much the user agreed to share. Minimal ⊂ Standard ⊂ Full. */
export const ConsentLevel = z.enum(CONSENT_LEVELS);
/** @see {@link ConsentLevel} */
export type ConsentLevel = z.output<typeof ConsentLevel>;

/** What went wrong, coarsely. */
export const FailureType = z.enum(["generation", "validation", "execution", "timeout", "unknown"]);
/** @see {@link FailureType} */
export type FailureType = z.output<typeof FailureType>;

/** Where in CARO's pipeline the failure happened. */
export const PipelineStage = z.enum([
  "input",
  "context",
  "model_load",
  "inference",
  "parsing",
  "validation",
  "confirmation",
  "execution",
  "unknown",
]);
/** @see {@link PipelineStage} */
export type PipelineStage = z.output<typeof PipelineStage>;

/** What the user was trying to do, as a category (never their words). */
export const IntentCategory = z.enum([
  "file_management",
  "search",
  "text_processing",
  "archive",
  "network",
  "process",
  "system_info",
  "package_management",
  "version_control",
  "container",
  "database",
  "permissions",
  "other",
]);
/** @see {@link IntentCategory} */
export type IntentCategory = z.output<typeof IntentCategory>;

/** LLM backends CARO can use. */
export const BackendType = z.enum([
  "ollama",
  "vllm",
  "mlx",
  "embedded",
  "openai_compatible",
  "unknown",
]);
/** @see {@link BackendType} */
export type BackendType = z.output<typeof BackendType>;

/** CARO's safety validator levels. */
export const SafetyLevel = z.enum(["strict", "moderate", "permissive", "unknown"]);
/** @see {@link SafetyLevel} */
export type SafetyLevel = z.output<typeof SafetyLevel>;

/** Operating-system families. */
export const OsFamily = z.enum(["linux", "macos", "windows", "other"]);
/** @see {@link OsFamily} */
export type OsFamily = z.output<typeof OsFamily>;

/** How the reporter wants to hear back. Stored apart from the report locally. */
export const ContactMethod = z.enum(["email", "twitter", "github"]);
/** @see {@link ContactMethod} */
export type ContactMethod = z.output<typeof ContactMethod>;

declare const sanitizedBrand: unique symbol;
/**
 * A string that went through the sanitizer. Only the sanitizer creates these
 * (by a cast in one place); everything else can only pass them on.
 */
export type SanitizedText = string & { readonly [sanitizedBrand]: true };

/** An identifier-like token: versions, model names, error codes, rule ids. */
const token = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9._:+\/@-]+$/));
/** Free text that must have been sanitized by the client (re-checked by the service). */
const freeText = (max: number) => z.string().check(z.maxLength(max));

/** Wire schema of the platform block. */
export const PlatformInfo = z.strictObject({
  os: OsFamily,
  arch: token(32),
  /** Standard and Full only. */
  os_version: z.optional(token(64)),
  /** Standard and Full only; `glibc`/`musl` on Linux. */
  libc: z.optional(token(32)),
});

/** Wire schema of the shell block (Standard and Full). */
export const ShellInfo = z.strictObject({
  name: z.enum(["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh", "other", "unknown"]),
  version: z.optional(token(64)),
});

/** Wire schema of the backend block (Standard and Full). */
export const BackendInfo = z.strictObject({
  type: BackendType,
  model: z.optional(token(128)),
  reachable: z.optional(z.boolean()),
});

/** Wire schema of the request block. */
export const RequestInfo = z.strictObject({
  intent_category: IntentCategory,
  /** Standard and Full: the sanitized request with paths, numbers, strings, URLs folded. */
  shape: z.optional(freeText(512)),
  /** Standard and Full: 0–100, a rough size of what was asked. */
  complexity_score: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  /** Full only: the sanitized natural-language request. */
  text: z.optional(freeText(2048)),
  /** Full only: the sanitized command the model produced. */
  generated_command: z.optional(freeText(4096)),
});

/** Wire schema of the failure block. */
export const FailureInfo = z.strictObject({
  failure_type: FailureType,
  stage: PipelineStage,
  error_code: z.optional(token(64)),
  /** Safety rule ids that fired (never the matched text). */
  safety_patterns_triggered: z.array(token(64)).check(z.maxLength(32)),
  /** Full only: sanitized error output. */
  error_message: z.optional(freeText(4096)),
});

/** Wire schema of the safety context (Standard and Full). */
export const SafetyContext = z.strictObject({
  safety_level: SafetyLevel,
  /** Names (never values) of config keys that differ from the defaults. */
  config_keys: z.optional(z.array(token(64)).check(z.maxLength(64))),
});

/** Wire schema of the contact block: only present when the user gave one for this report. */
export const ContactInfo = z.strictObject({
  method: ContactMethod,
  value: z.string().check(z.minLength(1), z.maxLength(254)),
});

/** The report as it travels on the wire. */
export const DiagnosticReport = z.strictObject({
  schema_version: z.literal(REPORT_SCHEMA_VERSION),
  id: z.uuid(),
  timestamp: z.iso.datetime(),
  consent_level: ConsentLevel,
  caro_version: token(64),
  platform: PlatformInfo,
  shell: z.optional(ShellInfo),
  backend: z.optional(BackendInfo),
  request: RequestInfo,
  failure: FailureInfo,
  safety_context: z.optional(SafetyContext),
  contact: z.optional(ContactInfo),
});

/** A report as parsed from the wire: text fields are plain strings. */
export type WireReport = z.output<typeof DiagnosticReport>;

type Req = WireReport["request"];
type Fail = WireReport["failure"];
/**
 * A report whose free-text fields all came out of the sanitizer. The only
 * thing the client may serialise for sending.
 */
export type SanitizedReport =
  & Omit<WireReport, "request" | "failure">
  & {
    request: Omit<Req, "shape" | "text" | "generated_command"> & {
      shape?: SanitizedText;
      text?: SanitizedText;
      generated_command?: SanitizedText;
    };
    failure: Omit<Fail, "error_message"> & { error_message?: SanitizedText };
  };
