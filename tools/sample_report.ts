/**
 * A valid standard-consent report as caro would send it: the one sample the
 * service tests, the ingest bench and the API fuzzer all start from.
 *
 * @module
 */
import type { WireReport } from "../src/protocol/report/schema.ts";

/**
 * A valid standard-consent report of one problem (a rule gap), with overrides.
 *
 * @example
 * ```ts
 * import { assertEquals } from "node:assert/strict";
 * import { sampleReport } from "./sample_report.ts";
 * assertEquals(sampleReport({ caro_version: "1.3.0" }).caro_version, "1.3.0");
 * ```
 */
export function sampleReport(overrides: Partial<WireReport> = {}): WireReport {
  return {
    schema_version: 1,
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    consent_level: "standard",
    caro_version: "1.2.0",
    platform: { os: "linux", arch: "x86_64", os_version: "6.8", libc: "glibc" },
    shell: { name: "bash", version: "5.2" },
    backend: { type: "ollama", model: "qwen2.5-coder" },
    request: {
      intent_category: "file_management",
      shape: "delete log files older than <NUM> days in <PATH>",
      complexity_score: 30,
    },
    failure: {
      failure_type: "validation",
      stage: "validation",
      error_code: "E_SAFETY_BLOCK",
      safety_patterns_triggered: ["rm-recursive"],
    },
    safety_context: { safety_level: "moderate" },
    ...overrides,
  };
}
