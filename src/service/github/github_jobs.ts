/**
 * The GitHub side effects the outbox runs, one job at a time:
 * `github.case` (create or update the case's issue, then a PR candidate for a
 * rule gap above the threshold) and `github.release` (mark cases whose fixing
 * commit the compare API finds in the tag). Jobs are idempotent; a failure
 * propagates so the outbox reschedules it (see `retry_at.ts`).
 *
 * @module
 */
import type { GitHubCaseLink } from "../store/case_types.ts";
import type { GitHubClient } from "./client.ts";
import { type CaseIssueView, ISSUE_CONFIDENCE } from "./issue_body.ts";
import { type GitHubRepo, syncCaseIssue } from "./sync_case_issue.ts";
import { openPrCandidate } from "./pr_candidate.ts";
import { commitIsInTag } from "./fix_in_release.ts";

/** A job in the outbox. */
export type GitHubJob =
  | { kind: "github.case"; caseId: string }
  | { kind: "github.release"; tag: string; version: string };

/** A case as the GitHub worker needs it. */
export interface GitHubCaseInput {
  view: CaseIssueView;
  link: GitHubCaseLink;
  /** Present for rule-gap cases: what the PR candidate proposes. */
  ruleGap?: { requestShape: string; safetyRuleIds: string[] };
}

/** What the jobs read and write; the store adapter implements it. */
export interface GitHubJobDeps {
  github: GitHubClient;
  repo: GitHubRepo;
  baseBranch: string;
  loadCase(caseId: string): Promise<GitHubCaseInput | undefined>;
  saveLink(caseId: string, link: GitHubCaseLink): Promise<void>;
  /** Cases with a merged fix (commit sha) not yet released. */
  casesAwaitingRelease(): Promise<{ caseId: string; fixSha: string }[]>;
  markFixedIn(caseId: string, version: string): Promise<void>;
}

/**
 * Runs one job.
 *
 * @example
 * ```ts ignore
 * await runGitHubJob({ kind: "github.case", caseId: "CARO-2026-001" }, deps);
 * ```
 */
export async function runGitHubJob(job: GitHubJob, deps: GitHubJobDeps): Promise<void> {
  if (job.kind === "github.release") {
    for (const { caseId, fixSha } of await deps.casesAwaitingRelease()) {
      if (await commitIsInTag(deps.github, deps.repo, fixSha, job.tag)) {
        await deps.markFixedIn(caseId, job.version);
      }
    }
    return;
  }
  const input = await deps.loadCase(job.caseId);
  if (!input) return; // erased or merged away since the job was queued
  const issue = await syncCaseIssue(deps.github, deps.repo, input.view, input.link.issueNumber);
  let link: GitHubCaseLink = {
    ...input.link,
    issueNumber: issue.issueNumber,
    issueUrl: issue.issueUrl,
  };
  if (link.issueNumber !== input.link.issueNumber) await deps.saveLink(job.caseId, link);
  if (input.ruleGap && input.view.confidence > ISSUE_CONFIDENCE && link.prNumber === undefined) {
    const pr = await openPrCandidate(deps.github, deps.repo, {
      caseId: job.caseId,
      issueNumber: issue.issueNumber,
      requestShape: input.ruleGap.requestShape,
      safetyRuleIds: input.ruleGap.safetyRuleIds,
      reasons: input.view.reasons,
      caseUrl: input.view.caseUrl,
    }, deps.baseBranch);
    link = { ...link, prNumber: pr.number, prUrl: pr.url };
    await deps.saveLink(job.caseId, link);
  }
}
