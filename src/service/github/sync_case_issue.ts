/**
 * Creates or updates the GitHub issue of one case, idempotently: before
 * creating, it lists issues carrying the `caro-case` label and looks for the
 * case's hidden marker, so a create whose answer was lost (502, timeout,
 * crash) is found instead of filed twice. Duplicate reports rewrite the
 * counts block in the body; they never add comments.
 *
 * @module
 */
import type { GitHubClient } from "./client.ts";
import {
  CASE_LABEL,
  caseIdInBody,
  type CaseIssueView,
  issueBody,
  issueLabels,
  issueTitle,
  TRIAGE_LABEL,
  withCounts,
} from "./issue_body.ts";

/** Which repository issues go to. */
export interface GitHubRepo {
  owner: string;
  repo: string;
}

/** What {@link syncCaseIssue} did. */
export interface IssueSyncResult {
  issueNumber: number;
  issueUrl: string;
  action: "created" | "updated" | "unchanged";
}

/**
 * Finds the issue whose body carries the case marker, among issues labelled
 * `caro-case` (all states), following `Link: rel="next"` pages.
 *
 * @example
 * ```ts ignore
 * const found = await findCaseIssue(github, { owner: "o", repo: "r" }, "CARO-2026-001");
 * ```
 */
export async function findCaseIssue(
  github: GitHubClient,
  repo: GitHubRepo,
  caseId: string,
): Promise<{ number: number; body: string; html_url: string; labels: string[] } | undefined> {
  for (let page = 1;; page++) {
    const response = await github.rest.issues.listForRepo({
      ...repo,
      labels: CASE_LABEL,
      state: "all",
      per_page: 100,
      page,
    });
    for (const issue of response.data) {
      if (caseIdInBody(issue.body) === caseId) {
        return {
          number: issue.number,
          body: issue.body ?? "",
          html_url: issue.html_url,
          labels: labelNames(issue.labels),
        };
      }
    }
    if (!/rel="next"/.test(response.headers.link ?? "")) break;
  }
  return undefined;
}

/**
 * Makes GitHub show the case: creates its issue (labels by confidence), or
 * rewrites the counts block and labels of the existing one.
 *
 * @example
 * ```ts ignore
 * const result = await syncCaseIssue(github, { owner: "o", repo: "r" }, view, undefined);
 * console.log(result.action); // "created"
 * ```
 */
export async function syncCaseIssue(
  github: GitHubClient,
  repo: GitHubRepo,
  view: CaseIssueView,
  knownIssueNumber: number | undefined,
): Promise<IssueSyncResult> {
  const existing = knownIssueNumber === undefined
    ? await findCaseIssue(github, repo, view.caseId)
    : await getIssue(github, repo, knownIssueNumber);
  const labels = issueLabels(view);
  if (!existing) {
    const created = await github.rest.issues.create({
      ...repo,
      title: issueTitle(view),
      body: issueBody(view),
      labels,
      // A lost answer must not become a second issue: the outbox retries after reconciling.
      request: { retries: 0 },
    });
    return { issueNumber: created.data.number, issueUrl: created.data.html_url, action: "created" };
  }
  const body = withCounts(existing.body, view);
  const wantedLabels = mergeLabels(existing.labels, labels);
  if (body === existing.body && sameSet(wantedLabels, existing.labels)) {
    return { issueNumber: existing.number, issueUrl: existing.html_url, action: "unchanged" };
  }
  await github.rest.issues.update({
    ...repo,
    issue_number: existing.number,
    body,
    labels: wantedLabels,
  });
  return { issueNumber: existing.number, issueUrl: existing.html_url, action: "updated" };
}

/**
 * Posts a comment unless one was posted less than a day ago.
 *
 * @example
 * ```ts ignore
 * const posted = await commentAtMostDaily(github, repo, 12, "Regression in 1.3.0", lastAt, Date.now());
 * ```
 */
export async function commentAtMostDaily(
  github: GitHubClient,
  repo: GitHubRepo,
  issueNumber: number,
  text: string,
  lastCommentAt: number | undefined,
  nowMs: number,
): Promise<boolean> {
  if (lastCommentAt !== undefined && nowMs - lastCommentAt < 24 * 3600_000) return false;
  await github.rest.issues.createComment({
    ...repo,
    issue_number: issueNumber,
    body: text,
    request: { retries: 0 },
  });
  return true;
}

async function getIssue(github: GitHubClient, repo: GitHubRepo, issueNumber: number) {
  const { data } = await github.rest.issues.get({ ...repo, issue_number: issueNumber });
  return {
    number: data.number,
    body: data.body ?? "",
    html_url: data.html_url,
    labels: labelNames(data.labels),
  };
}

/** Keeps labels maintainers added; swaps triage ↔ category labels ours decide. */
function mergeLabels(current: string[], ours: string[]): string[] {
  const kept = current.filter((l) => l !== TRIAGE_LABEL && !l.startsWith("category:"));
  return [...new Set([...kept, ...ours])];
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function labelNames(labels: (string | { name?: string })[]): string[] {
  return labels.map((l) => typeof l === "string" ? l : l.name ?? "");
}
