/**
 * A PR candidate for a rule-gap case: a branch `caro/rule-gap/<case id>`
 * holding a proposed safety-rule change file, and a pull request whose body
 * links the case's issue. Always left for human review: this module has no
 * merge call. Every step is idempotent ("already exists" means done: the
 * existing branch, file or PR is found and reused; the file is updated with
 * its `sha`), so the outbox may retry it after any failure.
 *
 * @module
 */
import type { GitHubClient } from "./client.ts";
import type { GitHubRepo } from "./sync_case_issue.ts";

/** What the proposed rule file says; all text sanitized. */
export interface RuleGapProposal {
  caseId: string;
  issueNumber: number;
  /** Sanitized request shape that the safety rules missed or over-blocked. */
  requestShape: string;
  /** Safety rule ids involved, if any. */
  safetyRuleIds: string[];
  reasons: string[];
  caseUrl: string;
}

/** The opened (or found) PR. */
export interface PrCandidate {
  number: number;
  url: string;
  branch: string;
}

/**
 * The branch name for a case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { candidateBranch } from "./pr_candidate.ts";
 * assert(candidateBranch("CARO-2026-001") === "caro/rule-gap/CARO-2026-001");
 * ```
 */
export function candidateBranch(caseId: string): string {
  return `caro/rule-gap/${caseId}`;
}

/**
 * The proposed rule file (TOML), for a maintainer to edit and accept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { proposedRuleFile } from "./pr_candidate.ts";
 * const text = proposedRuleFile({ caseId: "CARO-2026-001", issueNumber: 3, requestShape: "rm -rf <PATH>",
 *   safetyRuleIds: ["rm-root"], reasons: ["blocked"], caseUrl: "https://x/cases/CARO-2026-001" });
 * assert(text.includes('case = "CARO-2026-001"'));
 * ```
 */
export function proposedRuleFile(proposal: RuleGapProposal): string {
  return [
    "# Proposed safety-rule change from a caro healing case.",
    "# Generated from sanitized reports; review before accepting. Never merged automatically.",
    `case = ${tomlString(proposal.caseId)}`,
    `issue = ${proposal.issueNumber}`,
    `case_page = ${tomlString(proposal.caseUrl)}`,
    `related_rules = [${proposal.safetyRuleIds.map(tomlString).join(", ")}]`,
    "",
    "[[proposed_rule]]",
    `request_shape = ${tomlString(proposal.requestShape)}`,
    'action = "review"  # allow | warn | block — to be decided by a maintainer',
    `why = [${proposal.reasons.map(tomlString).join(", ")}]`,
    "",
  ].join("\n");
}

/**
 * Opens (or finds) the PR candidate for a rule-gap case. Each step leaves
 * GitHub in a state the next attempt recognises, so the outbox may retry it
 * after any failure or crash: an existing PR for the branch is the answer;
 * "Reference already exists" means the branch is there; the file is written
 * only when its content differs, with the current file's `sha` when it
 * exists (GitHub refuses an update without it); "A pull request already
 * exists" means a PR whose answer was lost, which is then found.
 *
 * @example
 * ```ts ignore
 * const pr = await openPrCandidate(github, { owner: "o", repo: "r" }, proposal, "main");
 * ```
 */
export async function openPrCandidate(
  github: GitHubClient,
  repo: GitHubRepo,
  proposal: RuleGapProposal,
  baseBranch: string,
): Promise<PrCandidate> {
  const branch = candidateBranch(proposal.caseId);
  const existing = await findPr(github, repo, branch);
  if (existing) return existing;

  const base = await github.rest.git.getRef({ ...repo, ref: `heads/${baseBranch}` });
  try {
    await github.rest.git.createRef({
      ...repo,
      ref: `refs/heads/${branch}`,
      sha: base.data.object.sha,
    });
  } catch (error) {
    if (!isUnprocessable(error, /Reference already exists/i)) throw error;
  }
  const path = `safety/proposals/${proposal.caseId}.toml`;
  const text = proposedRuleFile(proposal);
  const current = await currentFile(github, repo, path, branch);
  if (current?.text !== text) {
    await github.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      branch,
      message: `Propose safety-rule change for ${proposal.caseId}`,
      content: base64(text),
      ...(current ? { sha: current.sha } : {}),
    });
  }
  try {
    const pr = await github.rest.pulls.create({
      ...repo,
      head: branch,
      base: baseBranch,
      title: `[${proposal.caseId}] Proposed safety-rule change (for review)`,
      body: [
        `Refs #${proposal.issueNumber} — case page: ${proposal.caseUrl}`,
        "",
        `Adds \`${path}\`, a proposed rule for the request shape the safety rules got wrong.`,
        "This is a candidate for human review; the healing service never merges it.",
      ].join("\n"),
      maintainer_can_modify: true,
      request: { retries: 0 },
    });
    return { number: pr.data.number, url: pr.data.html_url, branch };
  } catch (error) {
    if (!isUnprocessable(error, /already exists/i)) throw error;
    const found = await findPr(github, repo, branch);
    if (!found) throw error;
    return found;
  }
}

async function findPr(
  github: GitHubClient,
  repo: GitHubRepo,
  branch: string,
): Promise<PrCandidate | undefined> {
  const { data } = await github.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: "all",
  });
  return data[0] && { number: data[0].number, url: data[0].html_url, branch };
}

/** The file on the branch (text and blob sha), or undefined when it does not exist. */
async function currentFile(
  github: GitHubClient,
  repo: GitHubRepo,
  path: string,
  branch: string,
): Promise<{ text: string; sha: string } | undefined> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref: branch });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    const bytes = Uint8Array.from(atob(data.content.replace(/\s/g, "")), (c) => c.charCodeAt(0));
    return { text: new TextDecoder().decode(bytes), sha: data.sha };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** A 422 whose message (or one of its `errors`) matches. */
function isUnprocessable(error: unknown, message: RegExp): boolean {
  const e = error as { status?: number; message?: string; response?: { data?: unknown } };
  if (e.status !== 422) return false;
  return message.test(`${e.message ?? ""} ${JSON.stringify(e.response?.data ?? "")}`);
}

function base64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(""));
}

function tomlString(text: string): string {
  return JSON.stringify(text); // JSON escapes are valid TOML basic-string escapes
}
