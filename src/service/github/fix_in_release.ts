/**
 * Confirms, through GitHub's compare API, that a fixing commit is contained
 * in a release tag before a case is marked fixed in that version (a merged PR
 * is not yet a released fix).
 *
 * @module
 */
import type { GitHubClient } from "./client.ts";
import type { GitHubRepo } from "./sync_case_issue.ts";

/**
 * True when `sha` is in `tag`: comparing `sha...tag` says the tag is ahead of
 * or identical to the commit. A tag GitHub does not know yields false.
 *
 * @example
 * ```ts ignore
 * if (await commitIsInTag(github, { owner: "o", repo: "r" }, "4f2a…", "v1.3.0")) markFixed("1.3.0");
 * ```
 */
export async function commitIsInTag(
  github: GitHubClient,
  repo: GitHubRepo,
  sha: string,
  tag: string,
): Promise<boolean> {
  try {
    const { data } = await github.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${sha}...${tag}`,
      per_page: 1,
    });
    return data.status === "ahead" || data.status === "identical";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
