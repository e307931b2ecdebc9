/**
 * Abuse heuristics over a report's free text: a report that trips one is
 * quarantined (stored apart, never published, no GitHub issue), not refused,
 * so an attacker learns little. Reasons are short codes, never the text.
 *
 * - `huge`: more than 6,000 characters of free text in total;
 * - `repetitive`: a long text made of very few distinct characters or words;
 * - `unsanitized_secret`: something the client's sanitizer would have
 *   removed (keys, tokens, private-key blocks, e-mail addresses, home paths).
 *
 * @module
 */
import type { WireReport } from "../../protocol/report/schema.ts";

const SECRET_PATTERNS: readonly RegExp[] = [
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/,
  /(?:\/home\/|\/Users\/|C:\\Users\\)[A-Za-z0-9._-]+/,
  /\b(?:password|passwd|secret|token|api[_-]?key)\s*[=:]\s*\S{6,}/i,
];

/**
 * The abuse reasons a report trips (empty: none).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { abuseReasons } from "./abuse.ts";
 * const report = { request: { text: "token=" + "x".repeat(20) }, failure: {} };
 * assert(abuseReasons(report as never).includes("unsanitized_secret"));
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
  if (texts.some((t) => SECRET_PATTERNS.some((p) => p.test(t)))) {
    reasons.push("unsanitized_secret");
  }
  return reasons;
}

function isRepetitive(text: string): boolean {
  if (text.length < 200) return false;
  if (new Set(text).size <= 4) return true;
  const words = text.split(/\s+/).filter(Boolean);
  return words.length >= 40 && new Set(words).size / words.length < 0.1;
}
