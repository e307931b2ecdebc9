/**
 * The sensitive categories the sanitizer redacts, the placeholder each one
 * leaves behind, and the per-category redaction summary shown in the consent
 * preview. The category names are the ones of `SANITIZER_POLICY.md`.
 *
 * @module
 */

/** Every category the sanitizer redacts, in policy order. */
export const SENSITIVE_CATEGORIES = [
  "email",
  "home_user",
  "ipv4",
  "ipv6",
  "mac",
  "hostname",
  "url_credential",
  "auth_header",
  "jwt",
  "aws_access_key_id",
  "aws_secret",
  "gcp_key",
  "azure_key",
  "github_token",
  "gitlab_token",
  "slack_token",
  "stripe_key",
  "openai_key",
  "anthropic_key",
  "npm_token",
  "pypi_token",
  "other_token",
  "private_key",
  "password",
  "secret_env",
  "credit_card",
  "phone",
  "username",
  "person_name",
] as const;

/** One sensitive category. */
export type SensitiveCategory = typeof SENSITIVE_CATEGORIES[number];

/** The stretch categories: reported, but outside "core recall". */
export const STRETCH_CATEGORIES: readonly SensitiveCategory[] = ["username", "person_name"];

/** What replaces a redacted value of each category. */
export const PLACEHOLDERS: Readonly<Record<SensitiveCategory, string>> = {
  email: "<EMAIL>",
  home_user: "<USER>",
  ipv4: "<IP>",
  ipv6: "<IPV6>",
  mac: "<MAC>",
  hostname: "<HOST>",
  url_credential: "<PASSWORD>",
  auth_header: "<SECRET:auth>",
  jwt: "<SECRET:jwt>",
  aws_access_key_id: "<SECRET:aws_key_id>",
  aws_secret: "<SECRET:aws>",
  gcp_key: "<SECRET:gcp>",
  azure_key: "<SECRET:azure>",
  github_token: "<SECRET:github>",
  gitlab_token: "<SECRET:gitlab>",
  slack_token: "<SECRET:slack>",
  stripe_key: "<SECRET:stripe>",
  openai_key: "<SECRET:openai>",
  anthropic_key: "<SECRET:anthropic>",
  npm_token: "<SECRET:npm>",
  pypi_token: "<SECRET:pypi>",
  other_token: "<SECRET:token>",
  private_key: "<PRIVATE_KEY>",
  password: "<PASSWORD>",
  secret_env: "<SECRET>",
  credit_card: "<CARD>",
  phone: "<PHONE>",
  username: "<USER>",
  person_name: "<NAME>",
};

/** How many values of each category were redacted (absent = none). */
export type RedactionSummary = Partial<Record<SensitiveCategory, number>>;

/**
 * Adds up redaction summaries (for a report made of several fields).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeSummaries } from "./categories.ts";
 * const total = mergeSummaries([{ email: 1 }, { email: 2, ipv4: 1 }]);
 * assert(total.email === 3 && total.ipv4 === 1);
 * ```
 */
export function mergeSummaries(summaries: readonly RedactionSummary[]): RedactionSummary {
  const total: RedactionSummary = {};
  for (const summary of summaries) {
    for (const category of SENSITIVE_CATEGORIES) {
      const count = summary[category];
      if (count) total[category] = (total[category] ?? 0) + count;
    }
  }
  return total;
}

/**
 * One line for humans: `3 redacted: email 1, ipv4 2` or `nothing redacted`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSummary } from "./categories.ts";
 * assert(formatSummary({ email: 2 }) === "2 redacted: email 2");
 * ```
 */
export function formatSummary(summary: RedactionSummary): string {
  const parts = SENSITIVE_CATEGORIES.flatMap((category) => {
    const count = summary[category];
    return count ? [`${category} ${count}`] : [];
  });
  if (parts.length === 0) return "nothing redacted";
  const total = SENSITIVE_CATEGORIES.reduce((sum, category) => sum + (summary[category] ?? 0), 0);
  return `${total} redacted: ${parts.join(", ")}`;
}
