/**
 * The report port: reports stored in their case, one transaction per report.
 * The store only persists; every decision (which key a report files under,
 * the answer to a replay, how a report changes its case, which jobs follow)
 * comes from the {@link ReportRules} the caller passes (`cases/report_rules.ts`).
 *
 * @module
 */
import type { CaseSeed } from "./case_types.ts";
import type { Contact } from "./contact_port.ts";
import type { OutboxJob } from "./outbox_port.ts";
import type { QuotaCharge, QuotaDecision } from "./quota_port.ts";

/** One accepted report, ready to store. */
export interface IncomingReport {
  reportId: string;
  installKey: string;
  /** Dedup key (16 hex of the signature's SHA-256). */
  signatureKey: string;
  keyVersion: string;
  receivedAt: number;
  caroVersion: string;
  body: unknown;
  seed: CaseSeed;
  contact?: Contact;
  /** Tripped an abuse heuristic: kept apart, never published. */
  quarantined?: boolean;
}

/** Where a report landed. */
export interface IngestResult {
  caseId: string;
  status: string;
  /** The case's classification confidence (0–100). */
  confidence: number;
  /** Set when the case is resolved in this version. */
  fixedIn?: string;
  /** A new case was opened by this report. */
  newCase: boolean;
  /** This report id had been stored before (a replay). */
  replay: boolean;
  /** On a replay: the install that sent the report first. */
  firstInstallKey?: string;
  /** This report reopened a resolved case. */
  reopened?: boolean;
}

/** A stored report, as the idempotency check sees it. */
export interface StoredReportRef {
  reportId: string;
  caseId: string;
  installKey: string;
  caroVersion: string;
  status: string;
  confidence: number;
  fixedIn?: string;
}

/** Facts stored per case (`facts` column, JSON). */
export interface StoredFacts {
  title: string;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  shapeInstalls: number;
  platforms: Record<string, number>;
  versions: string[];
  safetyRuleIds?: string[];
  linkedAt?: number;
}

/** A report on a resolved case from a version the service saw released. */
export interface ReleasedVersionReport {
  installKey: string;
  caroVersion: string;
  receivedAt: number;
  /** When the service first saw that install. */
  installFirstSeen: number;
}

/** A case as a report finds it (read inside the report's transaction). */
export interface CaseNow {
  status: string;
  confidence: number;
  facts: StoredFacts;
  fixedIn: string | null;
  /** Distinct installs before this report. */
  installs: number;
  /**
   * Distinct installs of the case (this report's included) that are
   * established at this report's time (first seen `rules.establishedAfterMs` before),
   * counted up to `rules.establishedCountCap`.
   */
  establishedInstalls: number;
  /** The case has a GitHub issue. */
  filed: boolean;
  /**
   * When resolved: the reports on it since its resolution (this one
   * included) whose version is a release the service saw; else empty.
   */
  releasedVersionReports: ReleasedVersionReport[];
}

/** A new case as a report opens it. */
export interface OpenedCase {
  status: string;
  facts: StoredFacts;
}

/** How a report changes its case. */
export interface CaseLanding {
  facts: StoredFacts;
  /** The case goes back to `regression` (its fix is cleared). */
  reopened: boolean;
  result: IngestResult;
  /** Distinct installs with this report. */
  installs: number;
  /** Distinct established installs with this report. */
  establishedInstalls: number;
  /** The case has a GitHub issue. */
  filed: boolean;
}

/** Where a report lands: its case as the store found it. */
export interface Landing {
  caseId: string;
  newCase: boolean;
  /** The report's install is new to this case. */
  newInstall: boolean;
  now: CaseNow;
}

/** The decisions the store asks for while it records a report. */
export interface ReportRules {
  /** The fingerprints key the report files under. */
  fingerprintKey(report: IncomingReport): string;
  /** The answer for a report id stored before. */
  replay(seen: StoredReportRef): IngestResult;
  /** The case a report opens when its key has none. */
  openCase(report: IncomingReport): OpenedCase;
  /** How the report changes its case. */
  land(landing: Landing, report: IncomingReport): CaseLanding;
  /** Jobs queued in the same transaction once the report is stored. */
  jobsAfter(report: IncomingReport, caseId: string, landed: CaseLanding): OutboxJob[];
  /** How long after its first sighting an install key is established. */
  establishedAfterMs: number;
  /** Established installs are counted up to this many: no rule tells larger counts apart. */
  establishedCountCap: number;
}

/** Builds a report's quota charges from what the store knows at admission. */
export type QuotaPlan = (known: { firstSeen: number; caseId?: string }) => QuotaCharge[];

/** The outcome of {@link ReportPort.admitReport}. */
export type AdmitOutcome =
  | { ok: true; result: IngestResult }
  | { ok: false; refusal: Extract<QuotaDecision, { ok: false }> };

/** The report operations. */
export interface ReportPort {
  /**
   * One transaction: a stored report id is a replay (nothing charged);
   * otherwise records the install's first sighting, charges the quotas
   * `plan` names (given that sighting and the case the key files under) and,
   * when they pass, stores the report in its case (opening it if new) and
   * queues the jobs that follow.
   */
  admitReport(report: IncomingReport, plan: QuotaPlan, rules: ReportRules): Promise<AdmitOutcome>;
  /** A stored report by id (for replays before quotas are charged). */
  findReport(reportId: string): Promise<StoredReportRef | undefined>;
  /** Erases a report and its contact when `installKey` sent it. */
  eraseReport(reportId: string, installKey: string): Promise<"erased" | "not_found" | "forbidden">;
}
