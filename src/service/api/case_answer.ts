/**
 * How cases and ingest outcomes look on the wire: the public status
 * (`open|triage|resolved|regression|quarantined`), the tracking URL, and the
 * answer to `POST /v1/reports`.
 *
 * @module
 */
import { ISSUE_CONFIDENCE } from "../../protocol/report/classify.ts";
import { compareVersions } from "../versions.ts";

/** Public case statuses. */
export type PublicStatus = "open" | "triage" | "resolved" | "regression" | "quarantined";

/**
 * The public status of a case: an open case at confidence ≤ 70 is in triage;
 * a fix merged but not released is still open.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { publicStatus } from "./case_answer.ts";
 * assert(publicStatus("open", 40) === "triage");
 * assert(publicStatus("fix_pending", 90) === "open");
 * ```
 */
export function publicStatus(status: string, confidence: number): PublicStatus {
  switch (status) {
    case "resolved":
    case "regression":
    case "quarantined":
      return status;
    default:
      return confidence > ISSUE_CONFIDENCE ? "open" : "triage";
  }
}

/**
 * The public tracking URL of a case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trackUrl } from "./case_answer.ts";
 * assert(trackUrl("https://heal.example/", "CARO-2026-001") === "https://heal.example/cases/CARO-2026-001");
 * ```
 */
export function trackUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/cases/${caseId}`;
}

/** The body of a `POST /v1/reports` answer. */
export interface ReportAnswer {
  case_id: string;
  status: PublicStatus;
  track_url: string;
  report_id: string;
  fixed_in?: string;
  message?: string;
}

/**
 * The answer for a report that landed in a case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportAnswer } from "./case_answer.ts";
 * const a = reportAnswer({ reportId: "r", caseId: "CARO-2026-001", status: "resolved", confidence: 90, fixedIn: "1.3.0", caroVersion: "1.2.0" }, "https://h");
 * assert(a.message === "fixed in 1.3.0, upgrade");
 * const same = reportAnswer({ reportId: "r", caseId: "CARO-2026-001", status: "resolved", confidence: 90, fixedIn: "1.3.0", caroVersion: "9.0.0" }, "https://h");
 * assert.equal(same.message, "fixed in 1.3.0");
 * ```
 */
export function reportAnswer(
  landed: {
    reportId: string;
    caseId: string;
    status: string;
    confidence: number;
    fixedIn?: string;
    caroVersion: string;
    reopened?: boolean;
  },
  publicUrl: string,
): ReportAnswer {
  const answer: ReportAnswer = {
    case_id: landed.caseId,
    status: publicStatus(landed.status, landed.confidence),
    track_url: trackUrl(publicUrl, landed.caseId),
    report_id: landed.reportId,
  };
  if (landed.fixedIn) answer.fixed_in = landed.fixedIn;
  if (landed.status === "resolved" && landed.fixedIn) {
    // A newer claimed version is not yet evidence of a regression (specs/service.md).
    answer.message = compareVersions(landed.caroVersion, landed.fixedIn) < 0
      ? `fixed in ${landed.fixedIn}, upgrade`
      : `fixed in ${landed.fixedIn}`;
  } else if (landed.reopened) {
    answer.message = "reopened as a regression";
  }
  return answer;
}
