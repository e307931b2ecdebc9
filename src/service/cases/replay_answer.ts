/**
 * The answer to a report id stored before: its original case as it is now,
 * and the install that sent it first (another install gets a 409).
 *
 * @module
 */
import type { IngestResult, StoredReportRef } from "../store/report_port.ts";

/**
 * The ingest result of a replay.
 *
 * @example A replay names its first sender
 * ```ts
 * import assert from "node:assert/strict";
 * import { replayAnswer } from "./replay_answer.ts";
 * const answer = replayAnswer({ reportId: "r", caseId: "CARO-2026-001", installKey: "a",
 *   caroVersion: "1.2.0", status: "open", confidence: 80 });
 * assert.deepEqual(answer, { caseId: "CARO-2026-001", status: "open", confidence: 80,
 *   fixedIn: undefined, newCase: false, replay: true, firstInstallKey: "a" });
 * ```
 */
export function replayAnswer(seen: StoredReportRef): IngestResult {
  return {
    caseId: seen.caseId,
    status: seen.status,
    confidence: seen.confidence,
    fixedIn: seen.fixedIn,
    newCase: false,
    replay: true,
    firstInstallKey: seen.installKey,
  };
}
