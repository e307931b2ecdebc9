/**
 * A rough size of a request, sent at Standard and Full as
 * `request.complexity_score` (the request's shape itself comes from the
 * dedup signature's `foldRequestShape`, so client and service fold alike).
 *
 * @module
 */

/**
 * A rough 0–100 size of a request: words, pipes and chained clauses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { complexityScore } from "./complexity_score.ts";
 * assert(complexityScore("list files") < complexityScore("list files, sort by size and then delete the oldest"));
 * ```
 */
export function complexityScore(request: string): number {
  const words = request.split(/\s+/).filter(Boolean).length;
  const clauses = (request.match(/\b(?:and|then|or|but|unless|except)\b|[|;,&]/gi) ?? []).length;
  return Math.min(100, words * 3 + clauses * 8);
}
