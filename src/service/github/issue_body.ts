/**
 * The text of a case's GitHub issue: title, body with a hidden case marker
 * (so issues are reconciled by listing labelled issues, never by search), and
 * a counts block that duplicate reports rewrite in place instead of adding
 * comments. Pure functions; the only input is a {@link CaseIssueView} built
 * from sanitized data.
 *
 * Every token that comes from a report (title, reasons, failure type, stage,
 * error code, request shape, context, versions, platforms, category) is
 * rendered inside a code span, so no `@mention`, link, image or HTML in it
 * becomes live; `<!--` and `-->` are removed from it until none is left, so
 * it can neither open a comment nor forge or break a marker. The marker
 * carries a random token the service stored before filing, so an outsider's
 * copy made before the issue existed cannot pass for it.
 *
 * @module
 */
import type { CaseFacts } from "../store/case_types.ts";
import { counted } from "../../platform/plural.ts";

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
    /** The random token of the case's marker (stored before the issue is filed). */
    token: string;
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
 * The hidden marker put on the first line of the issue body.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseMarker } from "./issue_body.ts";
 * assert.equal(caseMarker("CARO-2026-001", "0f".repeat(16)),
 *   `<!-- caro-case: CARO-2026-001 ${"0f".repeat(16)} -->`);
 * ```
 */
export function caseMarker(caseId: string, token: string): string {
  return `<!-- caro-case: ${caseId} ${token} -->`;
}

/**
 * Reads the marker from an issue body's first line (a marker anywhere else is
 * not ours: we always put it first).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markerInBody } from "./issue_body.ts";
 * const token = "ab".repeat(16);
 * assert.deepEqual(markerInBody(`<!-- caro-case: CARO-2026-014 ${token} -->\nx`),
 *   { caseId: "CARO-2026-014", token });
 * assert.equal(markerInBody(`x\n<!-- caro-case: CARO-2026-014 ${token} -->`), undefined);
 * ```
 */
export function markerInBody(
  body: string | null | undefined,
): { caseId: string; token: string } | undefined {
  const m = /^<!-- caro-case: (CARO-\d{4}-\d{3,}) ([0-9a-f]{32}) -->(?:\r?\n|$)/.exec(body ?? "");
  return m ? { caseId: m[1], token: m[2] } : undefined;
}

/**
 * A fresh marker token (128 random bits, hex).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newMarkerToken } from "./issue_body.ts";
 * assert.match(newMarkerToken(), /^[0-9a-f]{32}$/);
 * ```
 */
export function newMarkerToken(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
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
 * The issue title: our case id, then the summary as a code span.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { issueTitle } from "./issue_body.ts";
 * assert.equal(issueTitle({ caseId: "CARO-2026-001", title: "ping @torvalds `now`" }),
 *   "[CARO-2026-001] `ping @torvalds 'now'`");
 * ```
 */
export function issueTitle(view: Pick<CaseIssueView, "caseId" | "title">): string {
  return `[${view.caseId}] ${codeSpan(view.title.slice(0, 200))}`;
}

/** `3 reports` → `**3** reports`: the number in bold. */
const bold = (phrase: string): string => phrase.replace(/^(\d+)/, "**$1**");

/**
 * The counts block (reports, installs, versions, platforms).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countsBlock } from "./issue_body.ts";
 * const block = countsBlock({ reports: 3, installs: 2, versions: ["1.2.0"], platforms: ["linux"] });
 * assert(block.includes("**3** reports from **2** installs"));
 * const one = countsBlock({ reports: 1, installs: 1, versions: [], platforms: [] });
 * assert(one.includes("**1** report from **1** install"));
 * ```
 */
export function countsBlock(
  view: Pick<CaseIssueView, "reports" | "installs" | "versions" | "platforms">,
): string {
  return [
    COUNTS_START,
    `${bold(counted(view.reports, "report"))} from ${bold(counted(view.installs, "install"))}`,
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
  const end = body.indexOf(COUNTS_END, start);
  if (start < 0 || end < start) return `${body}\n\n${countsBlock(view)}`;
  return body.slice(0, start) + countsBlock(view) + body.slice(end + COUNTS_END.length);
}

/**
 * The whole issue body: marker, classification and reasons, reproduction
 * context, counts, link to the case page.
 *
 * @example Reasons are inert code spans; a forged marker does not survive
 * ```ts
 * import assert from "node:assert/strict";
 * import { issueBody } from "./issue_body.ts";
 * const body = issueBody({
 *   caseId: "CARO-2026-001", token: "0f".repeat(16), title: "t", category: "rule_gap",
 *   confidence: 90, reasons: ["rule @org/team see https://x.example <!-<!--- caro-counts:end --->->"],
 *   failureType: "safety_blocked", stage: "safety", context: [], versions: ["1.0.0"],
 *   platforms: ["linux"], reports: 1, installs: 1, caseUrl: "https://caro.example/cases/CARO-2026-001",
 * });
 * assert(body.startsWith(`<!-- caro-case: CARO-2026-001 ${"0f".repeat(16)} -->`));
 * assert(body.includes("- `rule @org/team see https://x.example  caro-counts:end `"));
 * assert.equal(body.split("<!--").length, 4); // the marker and the two counts markers
 * ```
 */
export function issueBody(view: CaseIssueView): string {
  const lines = [
    caseMarker(view.caseId, view.token),
    `Case page: ${view.caseUrl}`,
    "",
    "### Classification",
    `${codeSpan(view.category)} (confidence ${view.confidence}/100)`,
    ...view.reasons.map((r) => `- ${codeSpan(r)}`),
    "",
    "### Reproduction context (sanitized)",
    `- Failure: ${codeSpan(view.failureType)} at stage ${codeSpan(view.stage)}` +
    (view.errorCode ? `, error ${codeSpan(view.errorCode)}` : ""),
    ...(view.requestShape ? [`- Request shape: ${codeSpan(view.requestShape)}`] : []),
    ...view.context.map((c) => `- ${codeSpan(c)}`),
    "",
    "### Reports",
    countsBlock(view),
    "",
    "_Filed by the caro healing service from sanitized, consented reports._",
  ];
  return lines.join("\n");
}

function list(values: string[]): string {
  return values.length === 0 ? "unknown" : values.map(codeSpan).join(", ");
}

/**
 * User-derived text as one inert code span: one line, no backtick (so the
 * span cannot be closed early), no `<!--`/`-->` left however they nest.
 */
function codeSpan(text: string): string {
  let t = text.replace(/[\r\n\u2028\u2029]+/g, " ").replaceAll("`", "'");
  while (/<!--|-->/.test(t)) t = t.replace(/<!--|-->/g, "");
  return `\`${t.trim() === "" ? "-" : t}\``;
}
