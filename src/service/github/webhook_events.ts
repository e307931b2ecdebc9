/**
 * What a GitHub webhook means for caro's cases, read from its payload (after
 * the signature and delivery-id checks, which the webhook route does):
 *
 * - `issues` closed as `completed` on an issue carrying a case marker → that
 *   case's fix is done on the default branch (pending a release);
 * - `pull_request` closed and merged → the merge commit fixes the cases it
 *   names (`CARO-YYYY-NNN` in the title/body, the `caro/rule-gap/<case>`
 *   branch) and the issues it closes (`Fixes #12`);
 * - `release` published → confirm each pending fix against the tag (the
 *   `github.release` job, through the compare API).
 *
 * @module
 */
import { caseIdInBody } from "./issue_body.ts";

/** The case-level meaning of one webhook. */
export type WebhookMeaning =
  | { kind: "issue_completed"; caseId: string; issueNumber: number }
  | { kind: "fix_merged"; sha: string; caseIds: string[]; issueNumbers: number[] }
  | { kind: "release_published"; tag: string; version: string }
  | { kind: "ignored"; reason: string };

const CASE_ID = /\bCARO-\d{4}-\d{3,}\b/g;
const CLOSES = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)\b/gi;

/**
 * Reads a webhook's meaning from its event name and parsed payload.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { webhookMeaning } from "./webhook_events.ts";
 * const m = webhookMeaning("release", { action: "published", release: { tag_name: "v1.3.0", draft: false, prerelease: false } });
 * assert(m.kind === "release_published" && m.version === "1.3.0");
 * ```
 */
export function webhookMeaning(event: string, payload: unknown): WebhookMeaning {
  const p = (payload ?? {}) as Record<string, unknown>;
  const action = typeof p.action === "string" ? p.action : "";
  if (event === "issues" && action === "closed") {
    const issue = (p.issue ?? {}) as Record<string, unknown>;
    if (issue.state_reason !== "completed") {
      return { kind: "ignored", reason: "closed as not planned" };
    }
    const caseId = caseIdInBody(typeof issue.body === "string" ? issue.body : "");
    if (!caseId || typeof issue.number !== "number") {
      return { kind: "ignored", reason: "not a caro issue" };
    }
    return { kind: "issue_completed", caseId, issueNumber: issue.number };
  }
  if (event === "pull_request" && action === "closed") {
    const pr = (p.pull_request ?? {}) as Record<string, unknown>;
    const sha = pr.merge_commit_sha;
    if (pr.merged !== true || typeof sha !== "string" || !/^[0-9a-f]{40}$/.test(sha)) {
      return { kind: "ignored", reason: "closed without merging" };
    }
    const head = ((pr.head ?? {}) as Record<string, unknown>).ref;
    const text = [pr.title, pr.body, head].filter((t) => typeof t === "string").join("\n");
    const caseIds = [...new Set(text.match(CASE_ID) ?? [])];
    const issueNumbers = [...new Set([...text.matchAll(CLOSES)].map((m) => Number(m[1])))];
    if (caseIds.length === 0 && issueNumbers.length === 0) {
      return { kind: "ignored", reason: "names no case or issue" };
    }
    return { kind: "fix_merged", sha, caseIds, issueNumbers };
  }
  if (event === "release" && action === "published") {
    const release = (p.release ?? {}) as Record<string, unknown>;
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
