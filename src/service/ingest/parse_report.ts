/**
 * Turns the bytes of `POST /v1/reports` into a validated wire report, or the
 * precise reason it is refused: invalid UTF-8 or JSON → 400; an unknown
 * consent level → 422; the zod wire schema (the client's own) → 400 naming
 * the first offending field; fields beyond the declared consent level → 422
 * naming the first of them; a contact that is not one address, handle or
 * username (`contact_check.ts`) → 422. The server enforces consent, not only
 * the client.
 *
 * @module
 */
import { isConsentLevel } from "../../protocol/report/consent_levels.ts";
import { DiagnosticReport, type WireReport } from "../../protocol/report/schema.ts";
import { fieldsBeyondConsent } from "../../protocol/report/consent_fields.ts";
import { contactProblem } from "./contact_check.ts";
import type { ApiErrorCode } from "../../protocol/api_error_codes.ts";

/** Why a body was refused. */
export interface ReportRejection {
  status: 400 | 422;
  code: ApiErrorCode;
  message: string;
  field?: string;
}

/** The outcome of {@link parseReport}. */
export type ParsedReport =
  | { ok: true; report: WireReport; /** The body as text (valid UTF-8). */ text: string }
  | { ok: false; rejection: ReportRejection };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses and validates a report body.
 *
 * @example A report beyond its consent level
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReport } from "./parse_report.ts";
 * const r = parseReport(new TextEncoder().encode('{"consent_level":"maximal"}'));
 * assert(!r.ok && r.rejection.status === 422 && r.rejection.field === "consent_level");
 * ```
 */
export function parseReport(body: Uint8Array): ParsedReport {
  let value: unknown;
  let text: string;
  try {
    text = decoder.decode(body);
    value = JSON.parse(text);
  } catch (error) {
    const utf8 = error instanceof TypeError;
    return reject(
      400,
      utf8 ? "invalid_utf8" : "invalid_json",
      utf8 ? "The body is not valid UTF-8" : "The body is not valid JSON",
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return reject(400, "invalid_schema", "The body must be a JSON object");
  }
  const level = (value as Record<string, unknown>).consent_level;
  if (typeof level === "string" && !isConsentLevel(level)) {
    return reject(422, "unknown_consent_level", "Unknown consent level", "consent_level");
  }
  const parsed = DiagnosticReport.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys" && issue.keys?.length) path.push(issue.keys[0]);
    const field = path.join(".").slice(0, 200);
    return reject(400, "invalid_schema", `Invalid field ${field || "(body)"}`, field || undefined);
  }
  const beyond = fieldsBeyondConsent(parsed.data);
  if (beyond.length > 0) {
    return reject(
      422,
      "beyond_consent",
      `Field ${beyond[0]} is beyond consent level ${parsed.data.consent_level}`,
      beyond[0],
    );
  }
  const contact = parsed.data.contact && contactProblem(parsed.data.contact);
  if (contact) return reject(422, "invalid_contact", contact, "contact.value");
  return { ok: true, report: parsed.data, text };
}

function reject(
  status: 400 | 422,
  code: ApiErrorCode,
  message: string,
  field?: string,
): ParsedReport {
  return { ok: false, rejection: { status, code, message, ...(field ? { field } : {}) } };
}
