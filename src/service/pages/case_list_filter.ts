/**
 * The filters of `GET /cases`, read from a query string.
 *
 * @module
 */
import type { CaseListFilter } from "../store/case_types.ts";

/**
 * Reads the list filters from a query string, ignoring values that are not valid.
 *
 * @example Invalid values are ignored, the limit capped
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseListFilter } from "./case_list_filter.ts";
 * const f = caseListFilter(new URLSearchParams("status=open&limit=5000"));
 * assert.equal(f.status, "open");
 * assert.equal(f.limit, 200);
 * ```
 */
export function caseListFilter(query: URLSearchParams): CaseListFilter {
  const word = (v: string | null) => v && /^[a-z_]{1,40}$/.test(v) ? v : undefined;
  const since = Date.parse(query.get("since") ?? "");
  const limit = Number(query.get("limit") ?? 50);
  return {
    status: word(query.get("status")),
    category: word(query.get("category")),
    since: Number.isFinite(since) ? since : undefined,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 200) : 50,
  };
}
