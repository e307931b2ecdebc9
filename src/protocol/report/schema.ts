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
import { CONSENT_LEVELS, type ConsentLevelName } from "./consent_levels.ts";

/** Version of the report wire format; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1 as const;

/** How much the user agreed to share. Minimal ⊂ Standard ⊂ Full. */
export type ConsentLevel = ConsentLevelName;
/** How much the user agreed to share. Minimal ⊂ Standard ⊂ Full. */
export const ConsentLevel: z.ZodMiniEnum<{ [K in ConsentLevel]: K }> = z.enum(CONSENT_LEVELS);

/** What went wrong, coarsely. */
export const FAILURE_TYPES = [
  "generation",
  "validation",
  "execution",
  "timeout",
  "unknown",
] as const;
/** @see {@link FailureType} */
export type FailureType = typeof FAILURE_TYPES[number];
/** What went wrong, coarsely. */
export const FailureType: z.ZodMiniEnum<{ [K in FailureType]: K }> = z.enum(FAILURE_TYPES);

/** Where in CARO's pipeline the failure happened. */
export const PIPELINE_STAGES = [
  "input",
  "context",
  "model_load",
  "inference",
  "parsing",
  "validation",
  "confirmation",
  "execution",
  "unknown",
] as const;
/** @see {@link PipelineStage} */
export type PipelineStage = typeof PIPELINE_STAGES[number];
/** Where in CARO's pipeline the failure happened. */
export const PipelineStage: z.ZodMiniEnum<{ [K in PipelineStage]: K }> = z.enum(PIPELINE_STAGES);

/** What the user was trying to do, as a category (never their words). */
export const INTENT_CATEGORYS = [
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
] as const;
/** @see {@link IntentCategory} */
export type IntentCategory = typeof INTENT_CATEGORYS[number];
/** What the user was trying to do, as a category (never their words). */
export const IntentCategory: z.ZodMiniEnum<{ [K in IntentCategory]: K }> = z.enum(INTENT_CATEGORYS);

/** LLM backends CARO can use. */
export const BACKEND_TYPES = [
  "ollama",
  "vllm",
  "mlx",
  "embedded",
  "openai_compatible",
  "unknown",
] as const;
/** @see {@link BackendType} */
export type BackendType = typeof BACKEND_TYPES[number];
/** LLM backends CARO can use. */
export const BackendType: z.ZodMiniEnum<{ [K in BackendType]: K }> = z.enum(BACKEND_TYPES);

/** CARO's safety validator levels. */
export const SAFETY_LEVELS = ["strict", "moderate", "permissive", "unknown"] as const;
/** @see {@link SafetyLevel} */
export type SafetyLevel = typeof SAFETY_LEVELS[number];
/** CARO's safety validator levels. */
export const SafetyLevel: z.ZodMiniEnum<{ [K in SafetyLevel]: K }> = z.enum(SAFETY_LEVELS);

/** Operating-system families. */
export const OS_FAMILYS = ["linux", "macos", "windows", "other"] as const;
/** @see {@link OsFamily} */
export type OsFamily = typeof OS_FAMILYS[number];
/** Operating-system families. */
export const OsFamily: z.ZodMiniEnum<{ [K in OsFamily]: K }> = z.enum(OS_FAMILYS);

/** How the reporter wants to hear back. Stored apart from the report locally. */
export const CONTACT_METHODS = ["email", "twitter", "github"] as const;
/** @see {@link ContactMethod} */
export type ContactMethod = typeof CONTACT_METHODS[number];
/** How the reporter wants to hear back. Stored apart from the report locally. */
export const ContactMethod: z.ZodMiniEnum<{ [K in ContactMethod]: K }> = z.enum(CONTACT_METHODS);

declare const sanitizedBrand: unique symbol;
/**
 * A string that went through the sanitizer. Only the sanitizer creates these
 * (by a cast in one place); everything else can only pass them on.
 */
export type SanitizedText = string & { readonly [sanitizedBrand]: true };

/** An identifier-like token: versions, model names, error codes, rule ids. */
const token = (max: number): z.ZodMiniString<string> =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9._:+\/@-]+$/));
/** Free text that must have been sanitized by the client (re-checked by the service). */
const freeText = (max: number): z.ZodMiniString<string> => z.string().check(z.maxLength(max));

/** The platform block. */
export interface PlatformInfo {
  os: OsFamily;
  arch: string;
  /** Standard and Full only. */
  os_version?: string;
  /** Standard and Full only; `glibc`/`musl` on Linux. */
  libc?: string;
}
/** Wire schema of the platform block. */
export const PlatformInfo: z.ZodMiniType<PlatformInfo> = z.strictObject({
  os: OsFamily,
  arch: token(32),
  os_version: z.optional(token(64)),
  libc: z.optional(token(32)),
});

/** Shells a report can name. */
export const SHELL_NAMES = [
  "bash",
  "zsh",
  "fish",
  "pwsh",
  "powershell",
  "cmd",
  "sh",
  "other",
  "unknown",
] as const;
/** The shell block (Standard and Full). */
export interface ShellInfo {
  name: typeof SHELL_NAMES[number];
  version?: string;
}
/** Wire schema of the shell block (Standard and Full). */
export const ShellInfo: z.ZodMiniType<ShellInfo> = z.strictObject({
  name: z.enum(SHELL_NAMES),
  version: z.optional(token(64)),
});

/** The backend block (Standard and Full). */
export interface BackendInfo {
  type: BackendType;
  model?: string;
  reachable?: boolean;
}
/** Wire schema of the backend block (Standard and Full). */
export const BackendInfo: z.ZodMiniType<BackendInfo> = z.strictObject({
  type: BackendType,
  model: z.optional(token(128)),
  reachable: z.optional(z.boolean()),
});

/** The request block. */
export interface RequestInfo {
  intent_category: IntentCategory;
  /** Standard and Full: the sanitized request with paths, numbers, strings, URLs folded. */
  shape?: string;
  /** Standard and Full: 0–100, a rough size of what was asked. */
  complexity_score?: number;
  /** Full only: the sanitized natural-language request. */
  text?: string;
  /** Full only: the sanitized command the model produced. */
  generated_command?: string;
}
/** Wire schema of the request block. */
export const RequestInfo: z.ZodMiniType<RequestInfo> = z.strictObject({
  intent_category: IntentCategory,
  shape: z.optional(freeText(512)),
  complexity_score: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  text: z.optional(freeText(2048)),
  generated_command: z.optional(freeText(4096)),
});

/** The failure block. */
export interface FailureInfo {
  failure_type: FailureType;
  stage: PipelineStage;
  error_code?: string;
  /** Safety rule ids that fired (never the matched text). */
  safety_patterns_triggered: string[];
  /** Full only: sanitized error output. */
  error_message?: string;
}
/** Wire schema of the failure block. */
export const FailureInfo: z.ZodMiniType<FailureInfo> = z.strictObject({
  failure_type: FailureType,
  stage: PipelineStage,
  error_code: z.optional(token(64)),
  safety_patterns_triggered: z.array(token(64)).check(z.maxLength(32)),
  error_message: z.optional(freeText(4096)),
});

/** The safety context (Standard and Full). */
export interface SafetyContext {
  safety_level: SafetyLevel;
  /** Names (never values) of config keys that differ from the defaults. */
  config_keys?: string[];
}
/** Wire schema of the safety context (Standard and Full). */
export const SafetyContext: z.ZodMiniType<SafetyContext> = z.strictObject({
  safety_level: SafetyLevel,
  config_keys: z.optional(z.array(token(64)).check(z.maxLength(64))),
});

/** The contact block: only present when the user gave one for this report. */
export interface ContactInfo {
  method: ContactMethod;
  value: string;
}
/** Wire schema of the contact block. */
export const ContactInfo: z.ZodMiniType<ContactInfo> = z.strictObject({
  method: ContactMethod,
  value: z.string().check(z.minLength(1), z.maxLength(254)),
});

/** A report as parsed from the wire: text fields are plain strings. */
export interface WireReport {
  schema_version: typeof REPORT_SCHEMA_VERSION;
  id: string;
  timestamp: string;
  consent_level: ConsentLevel;
  caro_version: string;
  platform: PlatformInfo;
  shell?: ShellInfo;
  backend?: BackendInfo;
  request: RequestInfo;
  failure: FailureInfo;
  safety_context?: SafetyContext;
  contact?: ContactInfo;
}
/** The report as it travels on the wire. */
export const DiagnosticReport: z.ZodMiniType<WireReport> = z.strictObject({
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
