/**
 * The `DiagnosticReport`: what a caro install may send to the healing service
 * when the user consents, and nothing more. These schemas are the single
 * source of truth: the client builds reports against them, the service
 * validates incoming bodies with them, and `contracts/*.schema.json` is
 * generated from them (`deno task contracts`).
 *
 * Each block is declared twice on purpose: as a TypeScript interface (the
 * documented, public type) and as a zod (`zod/mini`) schema that must satisfy
 * it, published as a {@link Validator} so the library's API does not expose
 * zod's internal types.
 *
 * Privacy by construction: every free-text field is typed {@link SanitizedText},
 * a string brand that only the sanitizer hands out, so a report holding raw
 * user text does not type-check as a {@link SanitizedReport}.
 *
 * @module
 */
import * as z from "zod/mini";
import type { EnumValidator, Validator } from "../validator.ts";
import { CONSENT_LEVELS, type ConsentLevelName } from "./consent_levels.ts";

/** Version of the report wire format; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1 as const;

/** How much the user agreed to share. Minimal ⊂ Standard ⊂ Full. */
export type ConsentLevel = ConsentLevelName;
const consentLevelSchema = z.enum(CONSENT_LEVELS);
/** Validator of {@link ConsentLevel}. */
export const ConsentLevel: EnumValidator<ConsentLevel> = consentLevelSchema;

/** The values of {@link FailureType}. */
export const FAILURE_TYPES = [
  "generation",
  "validation",
  "execution",
  "timeout",
  "unknown",
] as const;
/** What went wrong, coarsely. */
export type FailureType = typeof FAILURE_TYPES[number];
const failureTypeSchema = z.enum(FAILURE_TYPES);
/** Validator of {@link FailureType}. */
export const FailureType: EnumValidator<FailureType> = failureTypeSchema;

/** The values of {@link PipelineStage}. */
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
/** Where in CARO's pipeline the failure happened. */
export type PipelineStage = typeof PIPELINE_STAGES[number];
const pipelineStageSchema = z.enum(PIPELINE_STAGES);
/** Validator of {@link PipelineStage}. */
export const PipelineStage: EnumValidator<PipelineStage> = pipelineStageSchema;

/** The values of {@link IntentCategory}. */
export const INTENT_CATEGORIES = [
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
/** What the user was trying to do, as a category (never their words). */
export type IntentCategory = typeof INTENT_CATEGORIES[number];
const intentCategorySchema = z.enum(INTENT_CATEGORIES);
/** Validator of {@link IntentCategory}. */
export const IntentCategory: EnumValidator<IntentCategory> = intentCategorySchema;

/** The values of {@link BackendType}. */
export const BACKEND_TYPES = [
  "ollama",
  "vllm",
  "mlx",
  "embedded",
  "openai_compatible",
  "unknown",
] as const;
/** LLM backends CARO can use. */
export type BackendType = typeof BACKEND_TYPES[number];
const backendTypeSchema = z.enum(BACKEND_TYPES);
/** Validator of {@link BackendType}. */
export const BackendType: EnumValidator<BackendType> = backendTypeSchema;

/** The values of {@link SafetyLevel}. */
export const SAFETY_LEVELS = ["strict", "moderate", "permissive", "unknown"] as const;
/** CARO's safety validator levels. */
export type SafetyLevel = typeof SAFETY_LEVELS[number];
const safetyLevelSchema = z.enum(SAFETY_LEVELS);
/** Validator of {@link SafetyLevel}. */
export const SafetyLevel: EnumValidator<SafetyLevel> = safetyLevelSchema;

/** The values of {@link OsFamily}. */
export const OS_FAMILIES = ["linux", "macos", "windows", "other"] as const;
/** Operating-system families. */
export type OsFamily = typeof OS_FAMILIES[number];
const osFamilySchema = z.enum(OS_FAMILIES);
/** Validator of {@link OsFamily}. */
export const OsFamily: EnumValidator<OsFamily> = osFamilySchema;

/** The values of {@link ContactMethod}. */
export const CONTACT_METHODS = ["email", "twitter", "github"] as const;
/** How the reporter wants to hear back. Stored apart from the report locally. */
export type ContactMethod = typeof CONTACT_METHODS[number];
const contactMethodSchema = z.enum(CONTACT_METHODS);
/** Validator of {@link ContactMethod}. */
export const ContactMethod: EnumValidator<ContactMethod> = contactMethodSchema;

/** The values of {@link ShellName}. */
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
/** Shells a report can name. */
export type ShellName = typeof SHELL_NAMES[number];

/**
 * A string that went through the sanitizer. Only the sanitizer creates these
 * (by a cast in one place); everything else can only pass them on.
 */
export type SanitizedText = string & { readonly "@caro/sanitized": true };

/** The kinds of token field, each with its own alphabet ({@link TOKEN_ALPHABETS}). */
export type TokenKind = "identifier" | "version" | "model";

/**
 * What each kind of token field may hold (`specs/data-model.md`). None admits
 * `@`, a blank or a quote, so no e-mail address, sentence or header fits; a
 * value that fits but that the sanitizer would still change (a `ghp_…`
 * token as an error code) is the service's to quarantine.
 *
 * - `identifier`: error codes, safety rule ids, config key names, CPU
 *   architectures, libc names (`E_SAFETY_BLOCK`, `rm-recursive`,
 *   `safety.level`, `x86_64`): letters, digits, `_ . -`, starting with a
 *   letter or digit;
 * - `version`: caro's, the OS's and the shell's versions (`1.2.3-rc.1+build.5`,
 *   `Debian-12`, `10.0.22631`): letters, digits, `_ . + -`, starting with a
 *   letter or digit;
 * - `model`: model names (`qwen2.5-coder:7b`,
 *   `mlx-community/Qwen2.5-Coder-7B-Instruct-4bit`): letters, digits,
 *   `_ . : / -`, starting with a letter or digit (so never an absolute path).
 */
export const TOKEN_ALPHABETS: Readonly<Record<TokenKind, RegExp>> = {
  identifier: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
  version: /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/,
  model: /^[A-Za-z0-9][A-Za-z0-9_.:\/-]*$/,
};

/** A token of `kind`, 1–`max` characters of its alphabet. */
const token = (kind: TokenKind, max: number): z.ZodMiniString<string> =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(TOKEN_ALPHABETS[kind]));
/** Free text that must have been sanitized by the client (re-checked by the service). */
const freeText = (max: number): z.ZodMiniString<string> => z.string().check(z.maxLength(max));

/** The platform block. */
export interface PlatformInfo {
  /** The OS family. */
  os: OsFamily;
  /** The CPU architecture (`x86_64`, `aarch64`). */
  arch: string;
  /** Standard and Full only: the OS release. */
  os_version?: string;
  /** Standard and Full only; `glibc`/`musl` on Linux. */
  libc?: string;
}
const platformInfoSchema = z.strictObject({
  os: osFamilySchema,
  arch: token("identifier", 32),
  os_version: z.optional(token("version", 64)),
  libc: z.optional(token("identifier", 32)),
});
/** Validator of {@link PlatformInfo}. */
export const PlatformInfo: Validator<PlatformInfo> = platformInfoSchema;

/** The shell block (Standard and Full). */
export interface ShellInfo {
  /** Which shell. */
  name: ShellName;
  /** Its version, when it could be read. */
  version?: string;
}
const shellInfoSchema = z.strictObject({
  name: z.enum(SHELL_NAMES),
  version: z.optional(token("version", 64)),
});
/** Validator of {@link ShellInfo}. */
export const ShellInfo: Validator<ShellInfo> = shellInfoSchema;

/** The backend block (Standard and Full). */
export interface BackendInfo {
  /** Which kind of backend CARO is configured for. */
  type: BackendType;
  /** The model name. */
  model?: string;
  /** Whether the doctor reached it. */
  reachable?: boolean;
}
const backendInfoSchema = z.strictObject({
  type: backendTypeSchema,
  model: z.optional(token("model", 128)),
  reachable: z.optional(z.boolean()),
});
/** Validator of {@link BackendInfo}. */
export const BackendInfo: Validator<BackendInfo> = backendInfoSchema;

/** The request block. */
export interface RequestInfo {
  /** What kind of task it was. */
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
const requestInfoSchema = z.strictObject({
  intent_category: intentCategorySchema,
  shape: z.optional(freeText(512)),
  complexity_score: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  text: z.optional(freeText(2048)),
  generated_command: z.optional(freeText(4096)),
});
/** Validator of {@link RequestInfo}. */
export const RequestInfo: Validator<RequestInfo> = requestInfoSchema;

/** The failure block. */
export interface FailureInfo {
  /** What went wrong, coarsely. */
  failure_type: FailureType;
  /** Where in the pipeline. */
  stage: PipelineStage;
  /** CARO's error code. */
  error_code?: string;
  /** Safety rule ids that fired (never the matched text). */
  safety_patterns_triggered: string[];
  /** Full only: sanitized error output. */
  error_message?: string;
}
const failureInfoSchema = z.strictObject({
  failure_type: failureTypeSchema,
  stage: pipelineStageSchema,
  error_code: z.optional(token("identifier", 64)),
  safety_patterns_triggered: z.array(token("identifier", 64)).check(z.maxLength(32)),
  error_message: z.optional(freeText(4096)),
});
/** Validator of {@link FailureInfo}. */
export const FailureInfo: Validator<FailureInfo> = failureInfoSchema;

/** The safety context (Standard and Full). */
export interface SafetyContext {
  /** CARO's configured safety level. */
  safety_level: SafetyLevel;
  /** Names (never values) of config keys that differ from the defaults. */
  config_keys?: string[];
}
const safetyContextSchema = z.strictObject({
  safety_level: safetyLevelSchema,
  config_keys: z.optional(z.array(token("identifier", 64)).check(z.maxLength(64))),
});
/** Validator of {@link SafetyContext}. */
export const SafetyContext: Validator<SafetyContext> = safetyContextSchema;

/** The contact block: only present when the user gave one for this report. */
export interface ContactInfo {
  /** How to reach the reporter. */
  method: ContactMethod;
  /** The address or handle. */
  value: string;
}
const contactInfoSchema = z.strictObject({
  method: contactMethodSchema,
  value: z.string().check(z.minLength(1), z.maxLength(254)),
});
/** Validator of {@link ContactInfo}. */
export const ContactInfo: Validator<ContactInfo> = contactInfoSchema;

/** A report as parsed from the wire: text fields are plain strings. */
export interface WireReport {
  /** {@link REPORT_SCHEMA_VERSION}. */
  schema_version: typeof REPORT_SCHEMA_VERSION;
  /** The report's id (a UUID), also its idempotency key. */
  id: string;
  /** When the failure happened, ISO 8601. */
  timestamp: string;
  /** The level the user consented to; no field beyond it may be present. */
  consent_level: ConsentLevel;
  /** The reporting caro's version. */
  caro_version: string;
  /** The platform block. */
  platform: PlatformInfo;
  /** The shell block (Standard and Full). */
  shell?: ShellInfo;
  /** The backend block (Standard and Full). */
  backend?: BackendInfo;
  /** The request block. */
  request: RequestInfo;
  /** The failure block. */
  failure: FailureInfo;
  /** The safety context (Standard and Full). */
  safety_context?: SafetyContext;
  /** How to tell the reporter it is fixed, if they said. */
  contact?: ContactInfo;
}
const diagnosticReportSchema = z.strictObject({
  schema_version: z.literal(REPORT_SCHEMA_VERSION),
  id: z.uuid(),
  timestamp: z.iso.datetime(),
  consent_level: consentLevelSchema,
  caro_version: token("version", 64),
  platform: platformInfoSchema,
  shell: z.optional(shellInfoSchema),
  backend: z.optional(backendInfoSchema),
  request: requestInfoSchema,
  failure: failureInfoSchema,
  safety_context: z.optional(safetyContextSchema),
  contact: z.optional(contactInfoSchema),
});
/** Validator of a whole report ({@link WireReport}). */
export const DiagnosticReport: Validator<WireReport> = diagnosticReportSchema;

/** The request block of a {@link SanitizedReport}: its free text came out of the sanitizer. */
export interface SanitizedRequestInfo
  extends Omit<RequestInfo, "shape" | "text" | "generated_command"> {
  /** The sanitized request's shape. */
  shape?: SanitizedText;
  /** The sanitized request (Full). */
  text?: SanitizedText;
  /** The sanitized generated command (Full). */
  generated_command?: SanitizedText;
}

/** The failure block of a {@link SanitizedReport}. */
export interface SanitizedFailureInfo extends Omit<FailureInfo, "error_message"> {
  /** The sanitized error output (Full). */
  error_message?: SanitizedText;
}

/**
 * A report whose free-text fields all came out of the sanitizer. The only
 * thing the client may serialise for sending.
 */
export interface SanitizedReport extends Omit<WireReport, "request" | "failure"> {
  /** The request block, sanitized. */
  request: SanitizedRequestInfo;
  /** The failure block, sanitized. */
  failure: SanitizedFailureInfo;
}
