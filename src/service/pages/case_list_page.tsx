/**
 * `GET /cases`: the public list of cases with filters (status, category,
 * seen since), rendered from {@link PublicCase} values.
 *
 * @module
 */
import type { PublicCase } from "../cases/public_case.ts";
import type { CaseListFilter } from "../store/case_types.ts";
import { day, renderDocument } from "./page_layout.tsx";

const STATUSES = ["", "open", "triage", "resolved", "regression"];

/**
 * Renders the case list.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderCaseListPage } from "./case_list_page.tsx";
 * const page = await renderCaseListPage([], { limit: 50 });
 * assert(page.includes("No cases match"));
 * ```
 */
export function renderCaseListPage(cases: PublicCase[], filter: CaseListFilter): Promise<string> {
  return renderDocument(
    "caro healing: cases",
    <>
      <h1>Cases</h1>
      <form class="filters" method="get" action="/cases">
        <select name="status" aria-label="Status">
          {STATUSES.map((s) => (
            <option key={s} value={s} selected={filter.status === s}>{s || "any status"}</option>
          ))}
        </select>
        <input
          name="category"
          placeholder="category"
          value={filter.category ?? ""}
          aria-label="Category"
        />
        <input
          name="since"
          type="date"
          value={filter.since === undefined ? "" : day(filter.since)}
          aria-label="Seen since"
        />
        <button type="submit">Filter</button>
      </form>
      {cases.length === 0 ? <p class="muted">No cases match.</p> : (
        <table>
          <thead>
            <tr>
              <th>Case</th>
              <th>Status</th>
              <th class="opt">Category</th>
              <th class="opt">Installs</th>
              <th class="opt">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/cases/${c.id}`}>{c.id}</a>
                  <br />
                  {c.title}
                </td>
                <td>
                  <span class={`badge status-${c.status}`}>{c.status}</span>
                  {c.fixedIn ? <div class="muted">fixed in {c.fixedIn}</div> : ""}
                </td>
                <td class="opt">{c.category}</td>
                <td class="opt">{c.installs}</td>
                <td class="opt">{day(c.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}
