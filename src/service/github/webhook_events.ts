/**
 * What a GitHub webhook means for caro's cases, read from its payload (after
 * the signature and delivery checks, which the webhook route does). Only
 * events about the configured repository (`repository.full_name`) mean
 * anything; every other event, from any repository or of any other name, is
 * ignored:
 *
 * - `issues` closed as `completed` → the case linked to that issue number
 *   (the link the service stored when it filed the issue; a marker in the
 *   body is never enough) is fixed on the default branch, pending a release;
 * - `issues` reopened → that case's pending fix is undone;
 * - `pull_request` closed and merged into the default branch → the merge
 *   commit fixes the cases it names (`CARO-YYYY-NNN` in the title, body or the
 *   `caro/rule-gap/<case>` branch) and the cases linked to the issues it
 *   closes (`Fixes #12`);
 * - `release` published (not a draft or pre-release) → the release is known,
 *   and each pending fix is confirmed against its tag.
 *
 * @module
 */
import type { GitHubRepo } from "./sync_case_issue.ts";

/** The case-level meaning of one webhook. */
export type WebhookMeaning =
  | { kind: "issue_completed"; issueNumber: number }
  | { kind: "issue_reopened"; issueNumber: number }
  | { kind: "fix_merged"; sha: string; caseIds: string[]; issueNumbers: number[] }
  | { kind: "release_published"; tag: string; version: string }
  | { kind: "ignored"; reason: string };

const CASE_ID = /\bCARO-\d{4}-\d{3,}\b/g;
const CLOSES = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+#(\d+)\b/gi;

type Json = Record<string, unknown>;

const object = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value as Json : {};

/**
 * Reads a webhook's meaning from its event name, parsed payload and the
 * repository the service files into (undefined: none configured, so nothing
 * means anything).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { webhookMeaning } from "./webhook_events.ts";
 * const repo = { owner: "caro-sh", repo: "caro" };
 * const release = { action: "published", repository: { full_name: "caro-sh/caro" },
 *   release: { tag_name: "v1.3.0", draft: false, prerelease: false } };
 * const m = webhookMeaning("release", release, repo);
 * assert(m.kind === "release_published" && m.version === "1.3.0");
 * const other = { ...release, repository: { full_name: "someone/else" } };
 * assert.equal(webhookMeaning("release", other, repo).kind, "ignored");
 * ```
 */
export function webhookMeaning(
  event: string,
  payload: unknown,
  repo: GitHubRepo | undefined,
): WebhookMeaning {
  const p = object(payload);
  const action = typeof p.action === "string" ? p.action : "";
  if (!repo) return { kind: "ignored", reason: "no repository configured" };
  const repository = object(p.repository);
  const fullName = repository.full_name;
  if (
    typeof fullName !== "string" ||
    fullName.toLowerCase() !== `${repo.owner}/${repo.repo}`.toLowerCase()
  ) {
    return { kind: "ignored", reason: "not about the configured repository" };
  }
  if (event === "issues" && (action === "closed" || action === "reopened")) {
    const issue = object(p.issue);
    if (typeof issue.number !== "number" || issue.pull_request !== undefined) {
      return { kind: "ignored", reason: "not an issue" };
    }
    if (action === "reopened") return { kind: "issue_reopened", issueNumber: issue.number };
    if (issue.state_reason !== "completed") {
      return { kind: "ignored", reason: "closed as not planned" };
    }
    return { kind: "issue_completed", issueNumber: issue.number };
  }
  if (event === "pull_request" && action === "closed") {
    const pr = object(p.pull_request);
    const sha = pr.merge_commit_sha;
    if (pr.merged !== true || typeof sha !== "string" || !/^[0-9a-f]{40}$/.test(sha)) {
      return { kind: "ignored", reason: "closed without merging" };
    }
    const base = object(pr.base).ref;
    if (typeof base !== "string" || base !== repository.default_branch) {
      return { kind: "ignored", reason: "not merged into the default branch" };
    }
    const head = object(pr.head).ref;
    const text = [pr.title, pr.body, head].filter((t) => typeof t === "string").join("\n");
    const caseIds = [...new Set(text.match(CASE_ID) ?? [])];
    const issueNumbers = [...new Set([...text.matchAll(CLOSES)].map((m) => Number(m[1])))];
    if (caseIds.length === 0 && issueNumbers.length === 0) {
      return { kind: "ignored", reason: "names no case or issue" };
    }
    return { kind: "fix_merged", sha, caseIds, issueNumbers };
  }
  if (event === "release" && action === "published") {
    const release = object(p.release);
    const tag = release.tag_name;
    if (typeof tag !== "string" || !/^[\w.+-]{1,100}$/.test(tag)) {
      return { kind: "ignored", reason: "release without a usable tag" };
    }
    if (release.draft === true || release.prerelease === true) {
      return { kind: "ignored", reason: "draft or pre-release" };
    }
    return { kind: "release_published", tag, version: tag.replace(/^v/, "") };
  }
  return { kind: "ignored", reason: `event ${event.slice(0, 40)} ${action.slice(0, 40)}`.trim() };
}
