/**
 * Public lookups: `GET /v1/known/{signature_key}` (is this problem known?
 * the client asks before sending) and `GET /v1/cases/{id}` (a case's public
 * status as JSON). Quarantined cases are never "known" and show only their
 * status.
 *
 * @module
 */
import { DEFAULT_K } from "../cases/public_case.ts";
import { apiError } from "./api_error.ts";
import { publicStatus, trackUrl } from "./case_answer.ts";
import type { ServiceDeps } from "./service_deps.ts";

const KEY = /^[0-9a-f]{16}$/;
const CASE_ID = /^CARO-\d{4}-\d{3,}$/;

function notFound(what: string): Response {
  return apiError({ status: 404, code: "not_found", message: `${what} not found`, retry: false });
}

/**
 * `GET /v1/known/{key}`: 200 `{case_id, status, fixed_in?, track_url}` or 404.
 *
 * @example
 * ```ts ignore
 * app.get("/v1/known/:key", (c) => getKnown(deps, c.req.param("key")));
 * ```
 */
export async function getKnown(
  deps: ServiceDeps,
  key: string,
  k: number = DEFAULT_K,
): Promise<Response> {
  const state = KEY.test(key) ? await deps.store.knownCase(key) : undefined;
  // A key may stand for a request shape the case page hides below k installs: the
  // lookup says no more than the page, so a case known to fewer installs is not known.
  if (!state || state.installs < k) return notFound("Signature");
  return Response.json({
    case_id: state.id,
    status: publicStatus(state.status, state.confidence),
    ...(state.fixedIn ? { fixed_in: state.fixedIn } : {}),
    track_url: trackUrl(deps.publicUrl, state.id),
  });
}

/**
 * `GET /v1/cases/{id}`: the public JSON status of a case.
 *
 * @example
 * ```ts ignore
 * app.get("/v1/cases/:id", (c) => getCase(deps, c.req.param("id")));
 * ```
 */
export async function getCase(deps: ServiceDeps, id: string): Promise<Response> {
  const state = CASE_ID.test(id) ? await deps.store.caseState(id) : undefined;
  if (!state) return notFound("Case");
  const url = trackUrl(deps.publicUrl, state.id);
  if (state.status === "quarantined") {
    return Response.json({ id: state.id, status: "quarantined", track_url: url });
  }
  return Response.json({
    id: state.id,
    status: publicStatus(state.status, state.confidence),
    category: state.category,
    confidence: state.confidence,
    report_count: state.reports,
    install_count: state.installs,
    ...(state.fixedIn ? { fixed_in: state.fixedIn } : {}),
    track_url: url,
    ...(state.issueUrl ? { issue_url: state.issueUrl } : {}),
    first_seen: new Date(state.firstSeen).toISOString(),
    last_seen: new Date(state.lastSeen).toISOString(),
  });
}
