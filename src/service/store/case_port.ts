/**
 * The case port: reading cases, their GitHub links and fix state, and the
 * resolution of a case, whose follow-ups ({@link ResolutionRule}) the caller
 * decides (`cases/resolve_case.ts`).
 *
 * @module
 */
import type { CaseFacts, CaseListFilter, CaseState, GitHubCaseLink } from "./case_types.ts";
import type { OutboxJob } from "./outbox_port.ts";

/** A report on a case being resolved. */
export interface ReportOnCase {
  reportId: string;
  installKey: string;
  /** A contact was left with it. */
  hasContact: boolean;
}

/** What resolving a case leaves behind, stored in the same transaction. */
export interface ResolutionFollowUps {
  notifications: { reportId: string; installKey: string; kind: string }[];
  jobs: OutboxJob[];
}

/** Decides the follow-ups of a resolution from the case's reports. */
export type ResolutionRule = (
  caseId: string,
  reports: readonly ReportOnCase[],
) => ResolutionFollowUps;

/** The case operations. */
export interface CasePort {
  /** The published case a signature key belongs to (quarantined cases are not). */
  knownCase(signatureKey: string): Promise<CaseState | undefined>;
  /** A case's state by id (quarantined ones too). */
  caseState(caseId: string): Promise<CaseState | undefined>;
  /** Facts of one published case. */
  caseFacts(id: string): Promise<CaseFacts | undefined>;
  /** Facts of the published cases matching a filter, most recently seen first. */
  listCaseFacts(filter: CaseListFilter): Promise<CaseFacts[]>;
  /** Marks a case fixed on the default branch without a known commit (issue closed). */
  markFixPending(caseId: string): Promise<boolean>;
  /**
   * Undoes `fix_pending` (its issue was reopened): the case is open again and
   * its fixing commit forgotten; false when it was not pending.
   */
  reopenFix(caseId: string): Promise<boolean>;
  /**
   * The token of the case's issue marker: `candidate` is stored when the case
   * has none yet; undefined for an unknown case.
   */
  caseIssueToken(caseId: string, candidate: string): Promise<string | undefined>;
  /** Records the fixing commit of a case (a merged PR), pending a release. */
  setFixCommit(caseId: string, sha: string): Promise<void>;
  /** Cases fixed on the default branch but not released yet. */
  casesPendingRelease(): Promise<{ caseId: string; fixSha?: string }[]>;
  /** Cases with a fixing commit but no release yet. */
  casesAwaitingRelease(): Promise<{ caseId: string; fixSha: string }[]>;
  /**
   * Marks a case resolved in `version` unless it already is (or is
   * quarantined) and stores the follow-ups `rule` decides, in one
   * transaction; returns how many notifications were stored.
   */
  resolveCase(caseId: string, version: string, now: number, rule: ResolutionRule): Promise<number>;
  /** The case filed as GitHub issue `issueNumber`, if any. */
  caseIdForIssue(issueNumber: number): Promise<string | undefined>;
  /** Records the case's issue and PR on GitHub (the first link time is kept). */
  saveGitHubLink(caseId: string, link: GitHubCaseLink, now: number): Promise<void>;
  /** Case counts per status (for /metrics). */
  caseCountsByStatus(): Promise<Record<string, number>>;
  /** All cases with report and install counts (tests, admin). */
  caseCounts(): Promise<{ id: string; reports: number; installs: number }[]>;
}
