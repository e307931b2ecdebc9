/**
 * Case facts for page tests and the browser test: one hostile title, one
 * resolved case with every link.
 *
 * @module
 */
import type { CaseFacts, CaseListFilter } from "../../src/service/store/case_types.ts";
import type { CaseFactsSource } from "../../src/service/pages/case_routes.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);

/** A resolved rule-gap case whose title tries to run script. */
export const HOSTILE_CASE: CaseFacts = {
  id: "CARO-2026-001",
  title: `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`,
  status: "resolved",
  category: "rule_gap",
  confidence: 88,
  reasons: [
    "safety_blocked at stage safety with rule rm-recursive",
    "7 installs agree on the request shape",
  ],
  failureType: "safety_blocked",
  stage: "safety",
  errorCode: "E_SAFETY_BLOCK",
  requestShape: 'delete files older than <NUM> days in "<PATH>"',
  requestShapeInstalls: 7,
  platforms: [{ name: "linux/bash", installs: 5 }, { name: "macos/zsh", installs: 2 }],
  reports: 9,
  installs: 7,
  firstSeen: T0,
  lastSeen: T0 + 6 * DAY,
  issueUrl: "https://github.com/caro-sh/caro/issues/12",
  issueAt: T0 + DAY,
  prUrl: "https://github.com/caro-sh/caro/pull/13",
  prAt: T0 + 3 * DAY,
  resolvedAt: T0 + 8 * DAY,
  fixedIn: "1.3.0",
  howFixed: "The recursive-delete rule now allows -mtime scoped finds inside the working tree.",
};

/** An open case seen by too few installs to show its shape. */
export const QUIET_CASE: CaseFacts = {
  ...HOSTILE_CASE,
  id: "CARO-2026-002",
  title: "NL parsing drops the time range",
  status: "open",
  category: "nl_parsing",
  requestShapeInstalls: 2,
  platforms: [{ name: "linux/fish", installs: 2 }],
  issueUrl: undefined,
  prUrl: undefined,
  resolvedAt: undefined,
  fixedIn: undefined,
  howFixed: undefined,
};

/**
 * An in-memory source over the given facts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixtureSource, HOSTILE_CASE } from "./case_fixtures.ts";
 * const source = fixtureSource([HOSTILE_CASE]);
 * assert((await source.caseFacts("CARO-2026-001"))?.status === "resolved");
 * ```
 */
export function fixtureSource(cases: CaseFacts[]): CaseFactsSource {
  return {
    caseFacts: (id) => Promise.resolve(cases.find((c) => c.id === id)),
    listCaseFacts: (filter: CaseListFilter) =>
      Promise.resolve(
        cases.filter((c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.category || c.category === filter.category) &&
          (filter.since === undefined || c.lastSeen >= filter.since)
        ).slice(0, filter.limit),
      ),
  };
}
