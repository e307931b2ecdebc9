/**
 * The healing service's store: everything the core (ingest, lookups,
 * webhooks, notifications, quotas, retention) and the loop plug-in
 * ({@link LoopStore}: outbox, GitHub links, contacts, case pages) need.
 * Two implementations pass the same contract (`store_contract.ts`): SQLite
 * through `node:sqlite` (the embedded default, `sqlite/sqlite_store.ts`) and
 * PostgreSQL (`postgres/postgres_store.ts`, for several service processes).
 *
 * Rules every implementation keeps:
 * - report ids are unique; recording a stored report id again is a replay
 *   (original case, `replay: true`), never a second report or case;
 * - one case per signature key (the `fingerprints` table maps keys to
 *   cases, so keys can be merged and v2 keys linked to v1 cases);
 * - case ids `CARO-<year>-<seq>` without gaps or duplicates under concurrency;
 * - a report from a version ≥ a resolved case's `fixed_in` reopens it as a
 *   regression; an older one leaves it resolved (the answer names fixed_in);
 * - quarantined reports get a case of their own that is never published;
 * - times are epoch milliseconds.
 *
 * @module
 */
import type { LoopStore } from "../github/loop_extension.ts";

/** The case-level facts a report brings (all sanitized). */
export interface CaseSeed {
  title: string;
  category: string;
  confidence: number;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  platform: string;
  /** Safety rule ids that fired (rule gaps). */
  safetyRuleIds?: string[];
}

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
  contact?: { method: string; value: string };
  /** The exact JSON text received, stored as is where the store keeps text (SQLite). */
  bodyText?: string;
  /** Tripped an abuse heuristic: kept apart, never published. */
  quarantined?: boolean;
}

/** Internal case statuses (`fix_pending`: fixed on the default branch, not released yet). */
export type CaseStatus =
  | "open"
  | "fix_pending"
  | "resolved"
  | "regression"
  | "quarantined";

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

/** The public state of a case (also for quarantined ones: status only matters). */
export interface CaseState {
  id: string;
  status: string;
  category: string;
  confidence: number;
  reports: number;
  installs: number;
  firstSeen: number;
  lastSeen: number;
  fixedIn?: string;
  issueUrl?: string;
}

/** A notice for an install. */
export interface StoredNotification {
  id: number;
  caseId: string;
  reportId: string;
  kind: string;
  createdAt: number;
  /** The case's status and fixed-in version now. */
  status: string;
  fixedIn?: string;
}

/** One quota counter to charge (all charges of a request pass or none counts). */
export interface QuotaCharge {
  /** Scope name for the answer, e.g. `install`, `source`, `case`, `global`. */
  scope: string;
  /** Counter name, e.g. `install:<key>`; hashed values only, never raw addresses. */
  bucket: string;
  limit: number;
  windowMs: number;
  /** Count distinct members (e.g. install keys) instead of events. */
  member?: string;
}

/** The outcome of {@link HealingStore.consumeQuota}. */
export type QuotaDecision =
  | { ok: true }
  | { ok: false; scope: string; bucket: string; retryAfterMs: number };

/** Builds a report's quota charges from what the store knows at admission. */
export type QuotaPlan = (known: { firstSeen: number; caseId?: string }) => QuotaCharge[];

/** The outcome of {@link HealingStore.admitReport}. */
export type AdmitOutcome =
  | { ok: true; result: IngestResult }
  | { ok: false; refusal: Extract<QuotaDecision, { ok: false }> };

/** What {@link HealingStore.purgeExpired} deletes. */
export interface RetentionPolicy {
  /** Reports are deleted this long after their case resolved (90 days). */
  resolvedReportMs: number;
  /** Webhook delivery ids are forgotten after this long. */
  deliveryMs: number;
}

/** What one retention run deleted. */
export interface RetentionResult {
  reports: number;
  contacts: number;
  deliveries: number;
  quotaRows: number;
}

/** The store. */
export interface HealingStore extends LoopStore {
  /** Stores a report in its case (opening it if new), idempotent by report id. */
  recordReport(report: IncomingReport): Promise<IngestResult>;
  /**
   * One transaction: records the install's first sighting, charges the
   * quotas `plan` names (given the key's first sighting and the case the
   * report would join), and, when they pass, records the report. A stored
   * report id is a replay and charges nothing.
   */
  admitReport(report: IncomingReport, plan: QuotaPlan): Promise<AdmitOutcome>;
  /** A stored report by id (for replays before quotas are charged). */
  findReport(reportId: string): Promise<StoredReportRef | undefined>;
  /** The published case a signature key belongs to (quarantined cases are not). */
  knownCase(signatureKey: string): Promise<CaseState | undefined>;
  /** A case's state by id. */
  caseState(caseId: string): Promise<CaseState | undefined>;
  /** Records an install key's first sighting; returns when it was first seen. */
  touchInstall(installKey: string, now: number): Promise<number>;
  /** Charges quota counters all-or-nothing. */
  consumeQuota(charges: readonly QuotaCharge[], now: number): Promise<QuotaDecision>;
  /** Erases a report and its contact when `installKey` sent it. */
  eraseReport(reportId: string, installKey: string): Promise<"erased" | "not_found" | "forbidden">;
  /** Records a webhook delivery id; false when seen before. */
  recordDelivery(id: string, now: number): Promise<boolean>;
  /** Marks a case fixed on the default branch without a known commit (issue closed). */
  markFixPending(caseId: string): Promise<boolean>;
  /** Cases fixed on the default branch but not released yet. */
  casesPendingRelease(): Promise<{ caseId: string; fixSha?: string }[]>;
  /** Notifications for an install after `afterId`, oldest first (≤ 100). */
  notificationsFor(installKey: string, afterId: number): Promise<StoredNotification[]>;
  /** Marks an install's notifications up to `upToId` delivered (fetched). */
  markNotificationsDelivered(installKey: string, upToId: number, now: number): Promise<void>;
  /** The retention job. */
  purgeExpired(now: number, policy: RetentionPolicy): Promise<RetentionResult>;
  /** Case counts per status (for /metrics). */
  caseCountsByStatus(): Promise<Record<string, number>>;
  /** All cases with report and install counts (tests, admin). */
  caseCounts(): Promise<{ id: string; reports: number; installs: number }[]>;
  close(): Promise<void>;
}
