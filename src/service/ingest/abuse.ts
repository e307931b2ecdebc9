/**
 * Abuse heuristics over a report's free text: a report that trips one is
 * quarantined (stored apart, never published, no GitHub issue), not refused,
 * so an attacker learns little. Reasons are short codes, never the text.
 *
 * - `huge`: more than 6,000 characters of free text in total;
 * - `repetitive`: a long text made of very few distinct characters or words.
 *
 * Text the sanitizer would still change, in any field, is the other reason
 * (`unsanitized`, `screen_report.ts`): the sanitizer itself decides, not a
 * second list of patterns.
 *
 * @module
 */
import type { WireReport } from "../../protocol/report/schema.ts";

/**
 * The abuse reasons a report trips (empty: none).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { abuseReasons } from "./abuse.ts";
 * const report = { request: { text: "ab ".repeat(100) }, failure: {} };
 * assert.deepEqual(abuseReasons(report as never), ["repetitive"]);
 * ```
 */
export function abuseReasons(report: WireReport): string[] {
  const texts = [
    report.request.shape,
    report.request.text,
    report.request.generated_command,
    report.failure.error_message,
  ].filter((t): t is string => typeof t === "string" && t.length > 0);
  const reasons: string[] = [];
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total > 6_000) reasons.push("huge");
  if (texts.some(isRepetitive)) reasons.push("repetitive");
  return reasons;
}

function isRepetitive(text: string): boolean {
  if (text.length < 200) return false;
  if (new Set(text).size <= 4) return true;
  const words = text.split(/\s+/).filter(Boolean);
  return words.length >= 40 && new Set(words).size / words.length < 0.1;
}
