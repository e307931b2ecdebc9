/**
 * The case, declared once: what a problem is ({@link CaseProblem}), what a
 * report brings to it ({@link CaseSeed}), everything the service knows about
 * it ({@link CaseFacts}) and the small views derived from that
 * ({@link CaseState}). Pages, GitHub issues and the API derive their own
 * views from {@link CaseFacts}.
 *
 * @module
 */

/** The sanitized description of a problem, shared by a report's seed and its case. */
export interface CaseProblem {
  title: string;
  category: string;
  /** Classification confidence (0–100). */
  confidence: number;
  reasons: string[];
  failureType: string;
  stage: string;
  errorCode?: string;
  requestShape?: string;
  /** Safety rule ids that fired (rule gaps). */
  safetyRuleIds?: string[];
}

/** The case-level facts one report brings (all sanitized). */
export interface CaseSeed extends CaseProblem {
  /** `os/shell`, counted once per install. */
  platform: string;
}

/** Internal case statuses (`fix_pending`: fixed on the default branch, not released yet). */
export type CaseStatus =
  | "open"
  | "fix_pending"
  | "resolved"
  | "regression"
  | "quarantined";

/** What the service remembers about a case on GitHub. */
export interface GitHubCaseLink {
  issueNumber?: number;
  issueUrl?: string;
  prNumber?: number;
  prUrl?: string;
}

/** Everything the store knows about a case, before any public rule applies. */
export interface CaseFacts extends CaseProblem, GitHubCaseLink {
  id: string;
  status: string;
  /** Distinct installs that sent this request shape. */
  requestShapeInstalls: number;
  platforms: { name: string; installs: number }[];
  reports: number;
  installs: number;
  firstSeen: number;
  lastSeen: number;
  /** When the issue was first linked. */
  issueAt?: number;
  prAt?: number;
  resolvedAt?: number;
  fixedIn?: string;
  howFixed?: string;
  /** caro versions reports came from (not shown on pages; GitHub issues list them). */
  versions?: string[];
}

/** The state of a case the API answers with (also for quarantined ones: status only matters). */
export type CaseState = Pick<
  CaseFacts,
  | "id"
  | "status"
  | "category"
  | "confidence"
  | "reports"
  | "installs"
  | "firstSeen"
  | "lastSeen"
  | "fixedIn"
  | "issueUrl"
>;

/** Filters of a case listing (`GET /cases`). */
export interface CaseListFilter {
  status?: string;
  category?: string;
  /** Epoch ms; cases seen since. */
  since?: number;
  limit: number;
}
