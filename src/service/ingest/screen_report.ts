/**
 * The service's own sanitizer pass over an incoming report: every string
 * field (free text, shape, token fields, versions, model, rule ids, config
 * key names, ids and enum values alike) goes through the client's
 * `sanitizeText` before anything is stored, except an id spelled as a UUID
 * and a timestamp spelled as `toISOString` writes it: the sanitizer keeps
 * those shapes verbatim, whole (its keep rules), so they skip it. What comes back is the report as
 * it may be stored: the sanitized values and no contact block (the contact
 * is kept apart, in `contacts`), with the names of the fields the sanitizer
 * changed. A report with any such field is quarantined; since the stored
 * copy is the sanitized one, the value the client should have removed is
 * never written anywhere.
 *
 * @module
 */
import { sanitizeText } from "../../sanitizer/mod.ts";
import type { WireReport } from "../../protocol/report/schema.ts";

/** A report as the service stores it: sanitized, without its contact. */
export type StoredReportBody = Omit<WireReport, "contact">;

/** What {@link screenReport} found. */
export interface ScreenedReport {
  /** The report to store and to derive the case from. */
  report: StoredReportBody;
  /** Dotted paths of the fields the sanitizer changed (array items by their array's path). */
  unsanitized: string[];
}

/**
 * Short values repeat across reports (versions, models, codes, rule ids):
 * those the sanitizer left alone are remembered (bounded), so the common
 * report costs a lookup per token. A value it changed is never kept.
 */
const CLEAN_MAX_ENTRIES = 4_096;
const CLEAN_MAX_LENGTH = 128;
const knownClean = new Set<string>();

/**
 * Fields whose value, when spelled in one of these shapes, the sanitizer
 * keeps verbatim (`src/sanitizer/rules/keep.ts` claims a whole UUID and a
 * whole ISO 8601 UTC time): unique per report, so the cache above never
 * helps them, and they are most of the screen's cost. Another spelling the
 * schema accepts goes through the sanitizer as usual.
 */
const VERBATIM_SHAPES = new Map<string, RegExp>([
  ["id", /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/],
  ["timestamp", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/],
]);

/**
 * Sanitizes every string field of `report` except the contact.
 *
 * @example A token in the error code is redacted and named; the contact is left out
 * ```ts
 * import assert from "node:assert/strict";
 * import { screenReport } from "./screen_report.ts";
 * const report = {
 *   schema_version: 1, id: "6f1c1a55-3b5e-4a8e-9a57-2d7b0c0f3e11",
 *   timestamp: "2026-11-24T23:00:00Z", consent_level: "minimal", caro_version: "1.2.3-rc.1",
 *   platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "other" },
 *   failure: { failure_type: "unknown", stage: "unknown",
 *     error_code: "ghp_abcdefghijklmnopqrstuvwxyz0123456789", safety_patterns_triggered: [] },
 *   contact: { method: "email", value: "ada@example.org" },
 * } as const;
 * const screened = screenReport(report);
 * assert.deepEqual(screened.unsanitized, ["failure.error_code"]);
 * assert.equal(screened.report.failure.error_code, "<SECRET:github>");
 * assert.equal("contact" in screened.report, false);
 * assert.equal(screened.report.caro_version, "1.2.3-rc.1");
 * ```
 */
export function screenReport(report: WireReport): ScreenedReport {
  const { contact: _contact, ...body } = report;
  const unsanitized = new Set<string>();
  const screened: Record<string, unknown> = {};
  for (const key in body) {
    const value = body[key as keyof typeof body];
    screened[key] = typeof value === "string" && VERBATIM_SHAPES.get(key)?.test(value)
      ? value
      : screenValue(value, key, unsanitized);
  }
  return { report: screened as StoredReportBody, unsanitized: [...unsanitized] };
}

/** `value` with every string sanitized; `path` names it in `changed` when it changes. */
function screenValue(value: unknown, path: string, changed: Set<string>): unknown {
  if (typeof value === "string") {
    const clean = sanitized(value);
    if (clean !== value) changed.add(path);
    return clean;
  }
  if (Array.isArray(value)) return value.map((item) => screenValue(item, path, changed));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key in value) {
      out[key] = screenValue((value as Record<string, unknown>)[key], `${path}.${key}`, changed);
    }
    return out;
  }
  return value;
}

function sanitized(value: string): string {
  if (knownClean.has(value)) return value;
  const clean = sanitizeText(value).text;
  if (clean === value && value.length <= CLEAN_MAX_LENGTH) {
    if (knownClean.size >= CLEAN_MAX_ENTRIES) knownClean.clear();
    knownClean.add(value);
  }
  return clean;
}
