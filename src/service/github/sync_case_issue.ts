/**
 * Creates or updates the GitHub issue of one case, idempotently: before
 * creating, it lists issues carrying the `caro-case` label (oldest first)
 * and looks for the case's hidden marker with the token the service stored
 * before filing, so a create whose answer was lost (502, timeout, crash) is
 * found instead of filed twice, and an outsider's issue carrying a copied
 * marker is never taken for ours (pull requests, which GitHub lists among
 * issues, are skipped). Duplicate reports rewrite the counts block in the
 * body; they never add comments.
 *
 * @module
 */
import type { GitHubClient } from "./client.ts";
import {
  CASE_LABEL,
  type CaseIssueView,
  issueBody,
  issueLabels,
  issueTitle,
  markerInBody,
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
 * Finds the oldest issue whose body starts with the case's marker (id and
 * token), among issues labelled `caro-case` (all states), following
 * `Link: rel="next"` pages.
 *
 * @example
 * ```ts ignore
 * const found = await findCaseIssue(github, { owner: "o", repo: "r" }, "CARO-2026-001", token);
 * ```
 */
export async function findCaseIssue(
  github: GitHubClient,
  repo: GitHubRepo,
  caseId: string,
  token: string,
): Promise<{ number: number; body: string; html_url: string; labels: string[] } | undefined> {
  for (let page = 1;; page++) {
    const response = await github.rest.issues.listForRepo({
      ...repo,
      labels: CASE_LABEL,
      state: "all",
      sort: "created",
      direction: "asc",
      per_page: 100,
      page,
    });
    for (const issue of response.data) {
      const marker = markerInBody(issue.body);
      if (!issue.pull_request && marker?.caseId === caseId && marker.token === token) {
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
    ? await findCaseIssue(github, repo, view.caseId, view.token)
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
