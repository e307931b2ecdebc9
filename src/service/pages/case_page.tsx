/**
 * `GET /cases/{id}`: one case for the public — timeline (reported → issue →
 * PR → released), status, dates, what failed, why, how it was fixed,
 * platforms, fixed-in version, links. Rendered from a {@link PublicCase}.
 *
 * @module
 */
import type { PublicCase, TimelineStep } from "../cases/public_case.ts";
import { day, renderDocument } from "./page_layout.tsx";

const STEPS: TimelineStep["step"][] = ["reported", "issue", "pr", "released"];
const PENDING: Record<TimelineStep["step"], string> = {
  reported: "Reported",
  issue: "Issue not opened yet",
  pr: "No fix proposed yet",
  released: "Not released yet",
};

/**
 * Renders the case page.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderCasePage } from "./case_page.tsx";
 * const page = await renderCasePage({ id: "CARO-2026-001", title: "<script>x</script>", status: "open",
 *   category: "rule_gap", confidence: 80, reasons: [], failureType: "safety_blocked", stage: "safety",
 *   platforms: [], reports: 1, installs: 1, firstSeen: 0, lastSeen: 0, timeline: [] });
 * assert(!page.includes("<script>x"));
 * ```
 */
export function renderCasePage(view: PublicCase): Promise<string> {
  const byStep = new Map(view.timeline.map((s) => [s.step, s]));
  return renderDocument(
    `${view.id}: ${view.title}`,
    <>
      <p class="muted">
        <a href="/cases">All cases</a> · <a href={`/cases/${view.id}.json`}>JSON</a>
      </p>
      <h1>
        <span class="muted">{view.id}</span> {view.title}
      </h1>
      <p>
        <span class={`badge status-${view.status}`} data-testid="status">{view.status}</span>{" "}
        {view.fixedIn
          ? <span class="badge" data-testid="fixed-in">fixed in {view.fixedIn}</span>
          : ""}
      </p>

      <h2>Timeline</h2>
      <ol class="timeline" data-testid="timeline">
        {STEPS.map((step) => {
          const s = byStep.get(step);
          return s
            ? (
              <li key={step}>
                <strong>{s.url ? <a href={s.url}>{s.label}</a> : s.label}</strong>{" "}
                <span class="muted">{day(s.at)}</span>
              </li>
            )
            : <li key={step} class="pending muted">{PENDING[step]}</li>;
        })}
      </ol>

      <h2>What failed</h2>
      <dl>
        <dt>Failure</dt>
        <dd>
          <code>{view.failureType}</code> at <code>{view.stage}</code>
          {view.errorCode
            ? (
              <>
                , error <code>{view.errorCode}</code>
              </>
            )
            : ""}
        </dd>
        <dt>Request shape</dt>
        <dd>
          {view.requestShape
            ? <code data-testid="request-shape">{view.requestShape}</code>
            : <span class="muted">hidden until enough installs share it</span>}
        </dd>
        <dt>Platforms</dt>
        <dd>
          {view.platforms.length
            ? view.platforms.map((p) => `${p.name} (${p.installs})`).join(", ")
            : <span class="muted">too few installs to show</span>}
        </dd>
        <dt>Reports</dt>
        <dd>{view.reports} from {view.installs} installs</dd>
        <dt>Reported</dt>
        <dd>{day(view.firstSeen)} (last {day(view.lastSeen)})</dd>
        <dt>Resolved</dt>
        <dd>{day(view.resolvedAt)}</dd>
      </dl>

      <h2>Why</h2>
      <p>
        Classified as <strong>{view.category}</strong> (confidence {view.confidence}/100)
      </p>
      <ul>{view.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>

      <h2>How it was fixed</h2>
      <p>
        {view.howFixed ?? (view.fixedIn ? `Fixed in caro ${view.fixedIn}.` : "Not fixed yet.")}
        {view.fixedIn ? ` Upgrade to caro ${view.fixedIn} or later.` : ""}
      </p>
      <p>
        {view.issueUrl ? <a href={view.issueUrl}>Issue</a> : ""}
        {view.issueUrl && view.prUrl ? " · " : ""}
        {view.prUrl ? <a href={view.prUrl}>Pull request</a> : ""}
      </p>
      <p class="muted">Public data only: built from sanitized reports, with small counts hidden.</p>
    </>,
  );
}
