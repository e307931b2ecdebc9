/**
 * The service's sanitizer screen skips a report id spelled as a UUID and a
 * timestamp spelled as `toISOString` writes it, on the ground that the
 * sanitizer keeps those shapes verbatim. This holds that ground: thousands of
 * such values (and the extremes of each shape) come out of `sanitizeText`
 * unchanged, and a value of another shape is still screened.
 */
import { deepEqual, equal } from "node:assert/strict";
import { sanitizeText } from "../../src/sanitizer/mod.ts";
import { screenReport } from "../../src/service/ingest/screen_report.ts";
import { sampleReport } from "../../tools/sample_report.ts";

function randomTime(): string {
  const ms = Math.floor(Math.random() * 253_402_300_799_999); // up to 9999-12-31T23:59:59.999Z
  const iso = new Date(ms).toISOString();
  return Math.random() < 0.5 ? iso : iso.replace(/\.\d{3}Z$/, "Z");
}

Deno.test("screen: the UUIDs and ISO times it skips are values the sanitizer keeps verbatim", () => {
  const values = [
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "1970-01-01T00:00:00.0Z",
  ];
  for (let i = 0; i < 2_000; i++) {
    const id = crypto.randomUUID();
    values.push(id, id.toUpperCase(), randomTime());
  }
  const changed = values.filter((value) => sanitizeText(value).text !== value);
  deepEqual(changed, []);
});

Deno.test("screen: an id or a time in another shape goes through the sanitizer", () => {
  const report = sampleReport({ timestamp: "2026-11-24T23:00:00.123456Z" });
  const screened = screenReport(report);
  equal(screened.report.timestamp, sanitizeText(report.timestamp).text);
  equal(screened.report.id, report.id);
  deepEqual(screened.unsanitized, []);
});
