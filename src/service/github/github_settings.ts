/**
 * GitHub settings from the service's environment. Secrets come only from the
 * environment (or a file it names), never from flags.
 *
 * - `CARO_GITHUB_REPO` = `owner/name` (unset: GitHub integration off)
 * - `CARO_GITHUB_TOKEN` (development), or a GitHub App:
 *   `CARO_GITHUB_APP_ID`, `CARO_GITHUB_INSTALLATION_ID`,
 *   `CARO_GITHUB_APP_PRIVATE_KEY` (PEM) or `CARO_GITHUB_APP_PRIVATE_KEY_FILE`
 * - `CARO_GITHUB_API_URL` (default `https://api.github.com`; the demo points it at the fake)
 * - `CARO_GITHUB_BASE_BRANCH` (default `main`), `CARO_GITHUB_WRITES_PER_MINUTE` (default 30, ≤ 60)
 *
 * @module
 */
import type { EnvReader } from "../../platform/env.ts";
import { CaroError } from "../../errors.ts";
import type { GitHubAuth } from "./client.ts";
import type { GitHubRepo } from "./sync_case_issue.ts";
import { DEFAULT_WRITES_PER_MINUTE } from "./write_budget.ts";

/** Everything needed to talk to GitHub. */
export interface GitHubSettings {
  repo: GitHubRepo;
  auth: GitHubAuth;
  baseUrl: string;
  baseBranch: string;
  writesPerMinute: number;
}

/**
 * Reads the settings; undefined when `CARO_GITHUB_REPO` is unset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { githubSettings } from "./github_settings.ts";
 * const env = (n: string) => ({ CARO_GITHUB_REPO: "caro-sh/caro", CARO_GITHUB_TOKEN: "ghp_example" } as Record<string, string>)[n];
 * const s = await githubSettings(env, () => Promise.reject(new Error("no file")));
 * assert(s?.repo.owner === "caro-sh" && s.baseBranch === "main");
 * ```
 */
export async function githubSettings(
  env: EnvReader,
  readTextFile: (path: string) => Promise<string>,
): Promise<GitHubSettings | undefined> {
  const repoName = env("CARO_GITHUB_REPO");
  if (!repoName) return undefined;
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(repoName);
  if (!match) {
    throw new CaroError(
      `Cannot use CARO_GITHUB_REPO "${repoName.slice(0, 80)}": expected owner/name`,
    );
  }
  const token = env("CARO_GITHUB_TOKEN");
  let auth: GitHubAuth;
  if (token) {
    auth = { token };
  } else {
    const appId = env("CARO_GITHUB_APP_ID");
    const installationId = Number(env("CARO_GITHUB_INSTALLATION_ID"));
    const keyFile = env("CARO_GITHUB_APP_PRIVATE_KEY_FILE");
    let privateKey = env("CARO_GITHUB_APP_PRIVATE_KEY");
    if (!privateKey && keyFile) {
      privateKey = await readTextFile(keyFile).catch((error) => {
        throw new CaroError(
          `Cannot read CARO_GITHUB_APP_PRIVATE_KEY_FILE "${keyFile}": ${error.message}`,
        );
      });
    }
    if (!appId || !Number.isInteger(installationId) || installationId <= 0 || !privateKey) {
      throw new CaroError(
        "Cannot authenticate to GitHub: set CARO_GITHUB_TOKEN, or CARO_GITHUB_APP_ID, CARO_GITHUB_INSTALLATION_ID and CARO_GITHUB_APP_PRIVATE_KEY(_FILE)",
      );
    }
    auth = { appId, installationId, privateKey };
  }
  const writes = Number(env("CARO_GITHUB_WRITES_PER_MINUTE") ?? DEFAULT_WRITES_PER_MINUTE);
  if (!Number.isInteger(writes) || writes < 1 || writes > 60) {
    throw new CaroError(
      "Cannot use CARO_GITHUB_WRITES_PER_MINUTE: expected a whole number from 1 to 60",
    );
  }
  return {
    repo: { owner: match[1], repo: match[2] },
    auth,
    baseUrl: env("CARO_GITHUB_API_URL") ?? "https://api.github.com",
    baseBranch: env("CARO_GITHUB_BASE_BRANCH") ?? "main",
    writesPerMinute: writes,
  };
}
