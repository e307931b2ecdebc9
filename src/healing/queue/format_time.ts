/**
 * Times as caro prints them to people: UTC, to the minute.
 *
 * @module
 */

/**
 * Formats epoch ms as `YYYY-MM-DD HH:MM UTC`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTime } from "./format_time.ts";
 * assert(formatTime(Date.UTC(2026, 10, 30, 18, 5)) === "2026-11-30 18:05 UTC");
 * ```
 */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
