import { deepEqual, equal } from "node:assert/strict";
import { DiagnosticReport } from "../protocol/report/schema.ts";
import { type RawReport, sanitizeReport } from "./sanitize_report.ts";

const raw: RawReport = {
  schema_version: 1,
  id: "6f1c1a55-3b5e-4a8e-9a57-2d7b0c0f3e11",
  timestamp: "2026-11-24T23:00:00Z",
  consent_level: "full",
  caro_version: "0.1.0",
  platform: { os: "linux", arch: "x86_64" },
  request: {
    intent_category: "database",
    shape: "connect to <host> as <user>",
    text: "connect to db01.corp.internal as mgarcia",
    generated_command: "PGPASSWORD=Xk2pq9Ln psql -h 10.0.4.7 -U app",
  },
  failure: {
    failure_type: "execution",
    stage: "execution",
    safety_patterns_triggered: [],
    error_message: "could not open /home/mgarcia/.pgpass",
  },
};

Deno.test("every free-text field is sanitized and the summary merged", () => {
  const { report, summary } = sanitizeReport(raw);
  equal(report.request.text, "connect to <HOST> as mgarcia");
  equal(report.request.generated_command, "PGPASSWORD=<PASSWORD> psql -h <IP> -U app");
  equal(report.failure.error_message, "could not open /home/<USER>/.pgpass");
  equal(report.request.shape, "connect to <host> as <user>");
  deepEqual(summary, { hostname: 1, password: 1, ipv4: 1, home_user: 1 });
});

Deno.test("the sanitized report still validates against the wire schema", () => {
  const { report } = sanitizeReport(raw);
  equal(DiagnosticReport.safeParse(report).success, true);
});

Deno.test("sanitized text is cut to the schema's maximum length", () => {
  const long = { ...raw, request: { ...raw.request, shape: "10.0.0.1 ".repeat(200) } };
  const { report } = sanitizeReport(long);
  equal(report.request.shape!.length, 512);
});
