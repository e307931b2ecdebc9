/**
 * Classifies a diagnostic report into one of five problem categories with a
 * confidence (0–100) and the reasons that produced it. Explainable rules over
 * the report's structured fields only (never its free text), so the client
 * and the service agree and a maintainer can read why.
 *
 * Rules (each may match; the highest confidence wins, ties in table order):
 *
 * | category                   | when                                                      | base |
 * |----------------------------|-----------------------------------------------------------|------|
 * | `rule_gap`                 | safety rule ids fired at validation/confirmation          | 80   |
 * | `backend_limitation`       | stage model_load/inference, a timeout, backend unreachable | 70   |
 * | `platform_incompatibility` | stage execution or failure type execution                 | 65   |
 * | `nl_parsing`               | stage input/parsing, or a generation failure              | 65   |
 * | `config_conflict`          | stage context, or non-default config keys                 | 55   |
 *
 * Each rule adds points for agreeing evidence (listed in its reasons). No
 * rule matching gives `nl_parsing` at 20 ("no rule matched").
 *
 * @module
 */
import type { WireReport } from "./schema.ts";

/** The problem categories. */
export type ProblemCategory =
  | "rule_gap"
  | "platform_incompatibility"
  | "nl_parsing"
  | "backend_limitation"
  | "config_conflict";

/** A classification with its explanation. */
export interface Classification {
  category: ProblemCategory;
  /** 0–100. Above {@link ISSUE_CONFIDENCE} a case is ready for an issue; else triage. */
  confidence: number;
  reasons: string[];
}

/** Confidence above which a case is ready for a GitHub issue (else: triage). */
export const ISSUE_CONFIDENCE = 70;

/** The fields classification reads (a subset of the wire report). */
export type ClassifiableReport = Pick<WireReport, "failure" | "platform" | "request"> & {
  shell?: WireReport["shell"];
  backend?: WireReport["backend"];
  safety_context?: WireReport["safety_context"];
};

interface Candidate extends Classification {}

const COMMON_SHELLS = new Set(["bash", "zsh", "sh"]);

/**
 * Classifies a report.
 *
 * @example A blocked command at validation is a rule gap
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyReport } from "./classify.ts";
 * const c = classifyReport({
 *   platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "file_management" },
 *   failure: { failure_type: "validation", stage: "validation", safety_patterns_triggered: ["rm-recursive"] },
 * });
 * assert(c.category === "rule_gap" && c.confidence > 70);
 * ```
 */
export function classifyReport(report: ClassifiableReport): Classification {
  const candidates = [
    ruleGap(report),
    backendLimitation(report),
    platformIncompatibility(report),
    nlParsing(report),
    configConflict(report),
  ].filter((c): c is Candidate => c !== undefined);
  if (candidates.length === 0) {
    return { category: "nl_parsing", confidence: 20, reasons: ["no rule matched"] };
  }
  let best = candidates[0];
  for (const c of candidates) if (c.confidence > best.confidence) best = c;
  return { ...best, confidence: Math.max(0, Math.min(100, best.confidence)) };
}

function ruleGap(r: ClassifiableReport): Candidate | undefined {
  const { failure } = r;
  const ids = failure.safety_patterns_triggered;
  if (ids.length === 0) return undefined;
  const atSafetyStage = failure.stage === "validation" || failure.stage === "confirmation";
  if (!atSafetyStage && failure.failure_type !== "validation") return undefined;
  const reasons = [`safety rule ${[...ids].sort().join(", ")} fired at stage ${failure.stage}`];
  let confidence = 80;
  if (failure.failure_type === "validation") {
    confidence += 5;
    reasons.push("the failure is a validation failure");
  }
  if (r.request.shape) {
    confidence += 5;
    reasons.push("the request shape is known");
  }
  return { category: "rule_gap", confidence, reasons };
}

function backendLimitation(r: ClassifiableReport): Candidate | undefined {
  const { failure, backend } = r;
  const reasons: string[] = [];
  let confidence = 0;
  if (failure.stage === "model_load" || failure.stage === "inference") {
    confidence = 70;
    reasons.push(`failed at stage ${failure.stage}`);
  }
  if (failure.failure_type === "timeout") {
    confidence = Math.max(confidence, 60) + 10;
    reasons.push("the failure is a timeout");
  }
  if (backend?.reachable === false) {
    confidence = Math.max(confidence, 60) + 15;
    reasons.push(`the ${backend.type} backend was unreachable`);
  }
  if (confidence === 0) return undefined;
  return { category: "backend_limitation", confidence, reasons };
}

function platformIncompatibility(r: ClassifiableReport): Candidate | undefined {
  const { failure, platform, shell } = r;
  if (failure.stage !== "execution" && failure.failure_type !== "execution") return undefined;
  const reasons = [`failed during execution on ${platform.os}`];
  let confidence = 65;
  if (platform.os !== "linux" && platform.os !== "macos") {
    confidence += 10;
    reasons.push(`${platform.os} is a less common platform`);
  }
  if (shell && !COMMON_SHELLS.has(shell.name)) {
    confidence += 10;
    reasons.push(`the shell is ${shell.name}`);
  }
  if (
    failure.error_code && /not.?found|unsupported|enoent|illegal.?option/i.test(failure.error_code)
  ) {
    confidence += 10;
    reasons.push(`error code ${failure.error_code} suggests a missing or different tool`);
  }
  return { category: "platform_incompatibility", confidence, reasons };
}

function nlParsing(r: ClassifiableReport): Candidate | undefined {
  const { failure } = r;
  const parsingStage = failure.stage === "input" || failure.stage === "parsing";
  if (!parsingStage && failure.failure_type !== "generation") return undefined;
  const reasons: string[] = [];
  let confidence = 55;
  if (parsingStage) {
    confidence = 65;
    reasons.push(`failed at stage ${failure.stage}`);
  }
  if (failure.failure_type === "generation") {
    confidence += 10;
    reasons.push("the model's answer could not be turned into a command");
  }
  if (r.request.shape) {
    confidence += 5;
    reasons.push("the request shape is known");
  }
  return { category: "nl_parsing", confidence, reasons };
}

function configConflict(r: ClassifiableReport): Candidate | undefined {
  const keys = r.safety_context?.config_keys ?? [];
  const contextStage = r.failure.stage === "context";
  if (!contextStage && keys.length === 0) return undefined;
  const reasons: string[] = [];
  let confidence = 40;
  if (contextStage) {
    confidence = 55;
    reasons.push("failed while reading its context");
  }
  if (keys.length > 0) {
    confidence += 20;
    reasons.push(`non-default config keys: ${[...keys].sort().join(", ")}`);
  }
  return { category: "config_conflict", confidence, reasons };
}
