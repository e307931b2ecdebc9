/**
 * What a caller says about one CARO failure, from `caro report` flags or
 * from JSON on stdin (how a host program calls it), checked into one
 * {@link FailureInput}. Raw text (the request, the command, the error) is
 * kept as given here: it is sanitized later, after trimming to consent.
 *
 * JSON input (every key optional but `failure_type` defaults to `unknown`):
 * `{"request", "command", "failure_type", "stage", "error_code",
 * "safety_patterns": [], "intent", "backend", "model", "error_message", "contact"}`
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import {
  BackendType,
  FailureType,
  IntentCategory,
  PipelineStage,
  TOKEN_ALPHABETS,
} from "../../protocol/report/schema.ts";

/** One failure, as reported. */
export interface FailureInput {
  /** The user's natural-language request (raw). */
  request?: string;
  /** The command CARO generated (raw). */
  command?: string;
  /** What went wrong, coarsely. */
  failureType: FailureType;
  /** Where in CARO's pipeline it went wrong. */
  stage: PipelineStage;
  /** CARO's error code. */
  errorCode?: string;
  /** Ids of the safety rules that fired. */
  safetyPatterns: string[];
  /** What kind of task it was. */
  intent: IntentCategory;
  /** The LLM backend in use. */
  backend?: BackendType;
  /** The model in use. */
  model?: string;
  /** Error output (raw). */
  errorMessage?: string;
  /** A contact as typed (validated later, see `contact/parse_contact.ts`). */
  contact?: string;
}

/** Raw values by their JSON name; flags are mapped onto these names. */
export type RawFailureFields = Record<string, unknown>;

/** JSON key → flag, for error messages that name what the caller wrote. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  request: "--request",
  command: "--command",
  failure_type: "--failure-type",
  stage: "--stage",
  error_code: "--error-code",
  safety_patterns: "--safety-pattern",
  intent: "--intent",
  backend: "--backend",
  model: "--model",
  error_message: "--error-message",
  contact: "--contact",
};

/** What the usage line says each token kind may hold (`TOKEN_ALPHABETS`, the wire schema's). */
const TOKEN_RULES = {
  identifier: "_ . -, starting with a letter or digit",
  model: "_ . : / -, starting with a letter or digit",
} as const;
const MAX_TEXT = 16_384;

/**
 * Checks raw fields into a {@link FailureInput}; the first wrong one throws a
 * one-line {@link UsageError} naming the flag (or the JSON key).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkFailureInput } from "./failure_input.ts";
 * const input = checkFailureInput({ failure_type: "generation", safety_patterns: ["rm-rf"] }, "flags");
 * assert(input.stage === "unknown" && input.intent === "other");
 * ```
 */
export function checkFailureInput(raw: RawFailureFields, origin: "flags" | "json"): FailureInput {
  const name = (key: string) => origin === "flags" ? FLAG_NAMES[key] : `"${key}"`;
  if (origin === "json") {
    const unknown = Object.keys(raw).find((key) => !(key in FLAG_NAMES));
    if (unknown !== undefined) {
      throw new UsageError(
        `unknown key "${unknown}" in the JSON on stdin (known: ${
          Object.keys(FLAG_NAMES).join(", ")
        })`,
      );
    }
  }
  const text = (key: string) => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new UsageError(`${name(key)} must be a string`);
    if (value.length > MAX_TEXT) {
      throw new UsageError(`${name(key)} is longer than ${MAX_TEXT} characters`);
    }
    return value;
  };
  const token = (key: string, value: unknown) => {
    const kind = key === "model" ? "model" : "identifier";
    const max = key === "model" ? 128 : 64;
    if (typeof value !== "string" || value.length > max || !TOKEN_ALPHABETS[kind].test(value)) {
      throw new UsageError(
        `${name(key)} must be 1-${max} letters, digits or ${TOKEN_RULES[kind]} (got ${
          JSON.stringify(value)
        })`,
      );
    }
    return value;
  };
  const choice = <T extends string>(
    key: string,
    schema: { options: readonly T[] },
    fallback: T | undefined,
  ): T | undefined => {
    const value = text(key);
    if (value === undefined) return fallback;
    if (!(schema.options as readonly string[]).includes(value)) {
      throw new UsageError(`${name(key)} must be one of ${schema.options.join(", ")}`);
    }
    return value as T;
  };
  const patterns = raw.safety_patterns ?? [];
  const patternList = typeof patterns === "string" ? [patterns] : patterns;
  if (!Array.isArray(patternList)) {
    throw new UsageError(`${name("safety_patterns")} must be a list of rule ids`);
  }
  if (patternList.length > 32) {
    throw new UsageError(`${name("safety_patterns")}: at most 32 rule ids`);
  }
  const errorCode = raw.error_code === undefined ? undefined : token("error_code", raw.error_code);
  const model = raw.model === undefined ? undefined : token("model", raw.model);
  return {
    request: text("request"),
    command: text("command"),
    failureType: choice("failure_type", FailureType, "unknown")!,
    stage: choice("stage", PipelineStage, "unknown")!,
    errorCode,
    safetyPatterns: patternList.map((pattern) => token("safety_patterns", pattern)),
    intent: choice("intent", IntentCategory, "other")!,
    backend: choice("backend", BackendType, undefined),
    model,
    errorMessage: text("error_message"),
    contact: text("contact"),
  };
}

/**
 * Parses the JSON a host program writes on stdin.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { failureInputFromJson } from "./failure_input.ts";
 * const input = failureInputFromJson('{"failure_type":"timeout","stage":"inference"}');
 * assert(input.failureType === "timeout");
 * ```
 */
export function failureInputFromJson(text: string): FailureInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Where, not what: the parser's message quotes the input, which may hold
    // secrets or terminal escape sequences.
    const at = /\(line \d+ column \d+\)/.exec((error as Error).message)?.[0];
    throw new UsageError(`the report on stdin is not JSON${at ? ` ${at}` : ""}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError("the report on stdin must be a JSON object");
  }
  return checkFailureInput(value as RawFailureFields, "json");
}
