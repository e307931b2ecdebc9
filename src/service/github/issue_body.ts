/**
 * The text of a case's GitHub issue: title, body with a hidden case marker
 * (so issues are reconciled by listing labelled issues, never by search), and
 * a counts block that duplicate reports rewrite in place instead of adding
 * comments. Pure functions; the only input is a {@link CaseIssueView} built
 * from sanitized data.
 *
 * @module
 */
import type { CaseFacts } from "../store/case_types.ts";

/**
 * Everything an issue shows about a case; every text field is already
 * sanitized and the request shape present only when enough installs share it.
 */
export type CaseIssueView =
  & Pick<
    CaseFacts,
    | "title"
    | "category"
    | "confidence"
    | "reasons"
    | "failureType"
    | "stage"
    | "errorCode"
    | "requestShape"
    | "reports"
    | "installs"
  >
  & {
    caseId: string;
    /** Sanitized reproduction context (error message, backend, shell…), one line each. */
    context: string[];
    versions: string[];
    /** `name (installs)`, small counts folded into "other". */
    platforms: string[];
    /** Public case page. */
    caseUrl: string;
  };

/** The label every caro issue carries; reconciliation lists issues by it. */
export const CASE_LABEL = "caro-case";
/** The label of cases at or below the confidence threshold. */
export const TRIAGE_LABEL = "needs-triage";
/** Confidence above which a case is filed as a classified issue. */
export const ISSUE_CONFIDENCE = 70;

const COUNTS_START = "<!-- caro-counts:start -->";
const COUNTS_END = "<!-- caro-counts:end -->";

/**
 * The hidden marker put in the issue body.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseMarker } from "./issue_body.ts";
 * assert(caseMarker("CARO-2026-001") === "<!-- caro-case: CARO-2026-001 -->");
 * ```
 */
export function caseMarker(caseId: string): string {
  return `<!-- caro-case: ${caseId} -->`;
}

/**
 * Reads the case id from an issue body's marker, if any.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseIdInBody } from "./issue_body.ts";
 * assert(caseIdInBody("x\n<!-- caro-case: CARO-2026-014 -->") === "CARO-2026-014");
 * ```
 */
export function caseIdInBody(body: string | null | undefined): string | undefined {
  return /<!-- caro-case: (CARO-\d{4}-\d{3,}) -->/.exec(body ?? "")?.[1];
}

/**
 * The labels an issue for this case carries.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { issueLabels } from "./issue_body.ts";
 * assert(issueLabels({ category: "rule_gap", confidence: 40 }).includes("needs-triage"));
 * ```
 */
export function issueLabels(view: Pick<CaseIssueView, "category" | "confidence">): string[] {
  return view.confidence > ISSUE_CONFIDENCE
    ? [CASE_LABEL, `category:${view.category}`]
    : [CASE_LABEL, TRIAGE_LABEL];
}

/**
 * The issue title.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { issueTitle } from "./issue_body.ts";
 * assert(issueTitle({ caseId: "CARO-2026-001", title: "blocked rm" }) === "[CARO-2026-001] blocked rm");
 * ```
 */
export function issueTitle(view: Pick<CaseIssueView, "caseId" | "title">): string {
  return `[${view.caseId}] ${oneLine(view.title)}`.slice(0, 250);
}

/**
 * The counts block (reports, installs, versions, platforms).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countsBlock } from "./issue_body.ts";
 * const block = countsBlock({ reports: 3, installs: 2, versions: ["1.2.0"], platforms: ["linux"] });
 * assert(block.includes("**3** reports from **2** installs"));
 * ```
 */
export function countsBlock(
  view: Pick<CaseIssueView, "reports" | "installs" | "versions" | "platforms">,
): string {
  return [
    COUNTS_START,
    `**${view.reports}** reports from **${view.installs}** installs`,
    `- Affected versions: ${list(view.versions)}`,
    `- Platforms: ${list(view.platforms)}`,
    COUNTS_END,
  ].join("\n");
}

/**
 * Replaces the counts block of an existing body (appends one if missing).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countsBlock, withCounts } from "./issue_body.ts";
 * const before = `a\n${countsBlock({ reports: 1, installs: 1, versions: [], platforms: [] })}\nb`;
 * const after = withCounts(before, { reports: 5, installs: 4, versions: [], platforms: [] });
 * assert(after.includes("**5** reports") && after.endsWith("\nb"));
 * ```
 */
export function withCounts(
  body: string,
  view: Pick<CaseIssueView, "reports" | "installs" | "versions" | "platforms">,
): string {
  const start = body.indexOf(COUNTS_START);
  const end = body.indexOf(COUNTS_END);
  if (start < 0 || end < start) return `${body}\n\n${countsBlock(view)}`;
  return body.slice(0, start) + countsBlock(view) + body.slice(end + COUNTS_END.length);
}

/**
 * The whole issue body: marker, classification and reasons, reproduction
 * context, counts, link to the case page.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { issueBody } from "./issue_body.ts";
 * const body = issueBody({
 *   caseId: "CARO-2026-001", title: "t", category: "rule_gap", confidence: 90, reasons: ["r"],
 *   failureType: "safety_blocked", stage: "safety", context: [], versions: ["1.0.0"],
 *   platforms: ["linux"], reports: 1, installs: 1, caseUrl: "https://caro.example/cases/CARO-2026-001",
 * });
 * assert(body.startsWith("<!-- caro-case: CARO-2026-001 -->"));
 * ```
 */
export function issueBody(view: CaseIssueView): string {
  const lines = [
    caseMarker(view.caseId),
    `Case page: ${view.caseUrl}`,
    "",
    "### Classification",
    `**${view.category}** (confidence ${view.confidence}/100)`,
    ...view.reasons.map((r) => `- ${oneLine(r)}`),
    "",
    "### Reproduction context (sanitized)",
    `- Failure: \`${code(view.failureType)}\` at stage \`${code(view.stage)}\`` +
    (view.errorCode ? `, error \`${code(view.errorCode)}\`` : ""),
    ...(view.requestShape ? [`- Request shape: \`${code(view.requestShape)}\``] : []),
    ...view.context.map((c) => `- ${oneLine(c)}`),
    "",
    "### Reports",
    countsBlock(view),
    "",
    "_Filed by the caro healing service from sanitized, consented reports._",
  ];
  return lines.join("\n");
}

function list(values: string[]): string {
  return values.length === 0 ? "unknown" : values.map((v) => `\`${code(v)}\``).join(", ");
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/<!--|-->/g, "");
}

function code(text: string): string {
  return oneLine(text).replaceAll("`", "'");
}
