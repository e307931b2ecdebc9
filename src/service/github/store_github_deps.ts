/**
 * Connects the GitHub jobs to a store: builds each case's issue view from its
 * public facts (so only sanitized, k-anonymous data reaches GitHub) and
 * writes issue/PR links and fixed-in versions back.
 *
 * @module
 */
import { publicCase } from "../cases/public_case.ts";
import { resolveCase } from "../cases/resolve_case.ts";
import type { CasePort } from "../store/case_port.ts";
import type { CaseFacts } from "../store/case_types.ts";
import type { GitHubClient } from "./client.ts";
import type { GitHubJobDeps } from "./github_jobs.ts";
import { type CaseIssueView, newMarkerToken } from "./issue_body.ts";
import type { GitHubRepo } from "./sync_case_issue.ts";

/** What a store must offer for GitHub jobs. */
export type GitHubCaseStore = Pick<
  CasePort,
  "caseFacts" | "caseIssueToken" | "saveGitHubLink" | "casesAwaitingRelease" | "resolveCase"
>;

/** Options for {@link githubDepsFromStore}. */
export interface StoreDepsOptions {
  github: GitHubClient;
  repo: GitHubRepo;
  baseBranch: string;
  /** Public root of the service, e.g. `https://heal.caro.example`. */
  publicUrl: string;
  /** k-anonymity threshold for request shapes and platforms. */
  k: number;
  now: () => number;
}

/**
 * The issue view of a case (`token`: its marker token).
 *
 * @example
 * ```ts ignore
 * const view = caseIssueView(facts, "https://heal.caro.example", 5, token);
 * ```
 */
export function caseIssueView(
  facts: CaseFacts,
  publicUrl: string,
  k: number,
  token: string,
): CaseIssueView {
  const pub = publicCase(facts, k);
  return {
    caseId: pub.id,
    token,
    title: pub.title,
    category: pub.category,
    confidence: pub.confidence,
    reasons: pub.reasons,
    failureType: pub.failureType,
    stage: pub.stage,
    errorCode: pub.errorCode,
    requestShape: pub.requestShape,
    context: [],
    versions: facts.versions ?? [],
    platforms: pub.platforms.map((p) => `${p.name} (${p.installs})`),
    reports: pub.reports,
    installs: pub.installs,
    caseUrl: `${publicUrl.replace(/\/$/, "")}/cases/${pub.id}`,
  };
}

/**
 * Builds the jobs' dependencies over a store.
 *
 * @example
 * ```ts ignore
 * const deps = githubDepsFromStore(store, { github, repo, baseBranch: "main", publicUrl, k: 5, now: Date.now });
 * ```
 */
export function githubDepsFromStore(
  store: GitHubCaseStore,
  options: StoreDepsOptions,
): GitHubJobDeps {
  return {
    github: options.github,
    repo: options.repo,
    baseBranch: options.baseBranch,
    async loadCase(caseId) {
      const facts = await store.caseFacts(caseId);
      // The marker's token is stored before the first create, so a lost answer is found again.
      const token = facts && await store.caseIssueToken(caseId, newMarkerToken());
      if (!facts || !token) return undefined;
      const view = caseIssueView(facts, options.publicUrl, options.k, token);
      return {
        view,
        link: {
          issueNumber: facts.issueNumber,
          issueUrl: facts.issueUrl,
          prNumber: facts.prNumber,
          prUrl: facts.prUrl,
        },
        ruleGap: facts.category === "rule_gap" && view.requestShape
          ? { requestShape: view.requestShape, safetyRuleIds: facts.safetyRuleIds ?? [] }
          : undefined,
      };
    },
    saveLink: (caseId, link) => store.saveGitHubLink(caseId, link, options.now()),
    casesAwaitingRelease: () => store.casesAwaitingRelease(),
    markFixedIn: async (caseId, version) => {
      await resolveCase(store, caseId, version, options.now());
    },
  };
}
