/**
 * The report rules the store applies inside a report's transaction,
 * gathered from this folder: the key, the replay answer, the new case, the
 * landing and the jobs that follow.
 *
 * @module
 */
import type { ReportRules } from "../store/report_port.ts";
import { fingerprintKey } from "./fingerprint_key.ts";
import { ESTABLISHED_AFTER_MS } from "./install_age.ts";
import { landReport } from "./land_report.ts";
import { openCase } from "./open_case.ts";
import { replayAnswer } from "./replay_answer.ts";
import { jobsAfterReport, PRIORITY_COUNT_CAP } from "./report_jobs.ts";

/** The rules, as the report port takes them. */
export const REPORT_RULES: ReportRules = {
  fingerprintKey,
  replay: replayAnswer,
  openCase,
  land: landReport,
  jobsAfter: jobsAfterReport,
  establishedAfterMs: ESTABLISHED_AFTER_MS,
  establishedCountCap: PRIORITY_COUNT_CAP,
};
