/**
 * Which report fields each consent level allows. Minimal ⊂ Standard ⊂ Full.
 * The client trims a report to its level before the preview; the service
 * rejects a report carrying a field beyond its declared level (422).
 *
 * @module
 */
import type { ConsentLevel, WireReport } from "./schema.ts";

const MINIMAL = [
  "schema_version",
  "id",
  "timestamp",
  "consent_level",
  "caro_version",
  "platform.os",
  "platform.arch",
  "request.intent_category",
  "failure.failure_type",
  "failure.stage",
  "failure.error_code",
  "failure.safety_patterns_triggered",
  // A contact is allowed at every level: it is asked and consented separately.
  "contact.method",
  "contact.value",
] as const;

const STANDARD = [
  ...MINIMAL,
  "platform.os_version",
  "platform.libc",
  "shell.name",
  "shell.version",
  "backend.type",
  "backend.model",
  "backend.reachable",
  "request.shape",
  "request.complexity_score",
  "safety_context.safety_level",
  "safety_context.config_keys",
] as const;

const FULL = [
  ...STANDARD,
  "request.text",
  "request.generated_command",
  "failure.error_message",
] as const;

/** Dotted field paths allowed at each consent level. */
export const FIELDS_BY_LEVEL: Readonly<Record<ConsentLevel, readonly string[]>> = {
  minimal: MINIMAL,
  standard: STANDARD,
  full: FULL,
};

/**
 * Lists the leaf fields of `report` (dotted paths) present beyond what its
 * declared `consent_level` allows. Empty means the report respects consent.
 *
 * @example A minimal report carrying a shell block
 * ```ts
 * import assert from "node:assert/strict";
 * import { fieldsBeyondConsent } from "./consent_fields.ts";
 * const report = { consent_level: "minimal", shell: { name: "bash" } };
 * assert(fieldsBeyondConsent(report as never)[0] === "shell.name");
 * ```
 */
export function fieldsBeyondConsent(report: WireReport): string[] {
  const allowed = new Set(FIELDS_BY_LEVEL[report.consent_level]);
  return leafPaths(report).filter((path) => !allowed.has(path));
}

/**
 * Returns a copy of `report` holding only the fields `level` allows, with
 * `consent_level` set to `level`. Empty blocks are dropped.
 *
 * @example Trimming a full report down to minimal
 * ```ts
 * import assert from "node:assert/strict";
 * import { trimToConsent } from "./consent_fields.ts";
 * const trimmed = trimToConsent({ consent_level: "full", shell: { name: "zsh" } } as never, "minimal");
 * assert(!("shell" in trimmed));
 * ```
 */
export function trimToConsent<R extends WireReport>(report: R, level: ConsentLevel): R {
  const allowed = new Set(FIELDS_BY_LEVEL[level]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (isBlock(value)) {
      const block: Record<string, unknown> = {};
      for (const [inner, innerValue] of Object.entries(value)) {
        if (allowed.has(`${key}.${inner}`)) block[inner] = innerValue;
      }
      if (Object.keys(block).length > 0) out[key] = block;
    } else if (allowed.has(key)) {
      out[key] = value;
    }
  }
  out.consent_level = level;
  return out as R;
}

function isBlock(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function leafPaths(report: WireReport): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    if (isBlock(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue !== undefined) paths.push(`${key}.${inner}`);
      }
    } else {
      paths.push(key);
    }
  }
  return paths;
}
