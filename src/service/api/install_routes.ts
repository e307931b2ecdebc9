/**
 * What an install asks about its own reports, signed by its key:
 * `GET /v1/notifications?since=<cursor>` (updates on its cases after the
 * cursor; asking with a cursor acknowledges everything up to it, which lets
 * retention delete the contacts of delivered notices) and
 * `DELETE /v1/reports/{id}` (erases the report and its contact; 204).
 *
 * @module
 */
import { apiError } from "./api_error.ts";
import { publicStatus } from "./case_answer.ts";
import type { ServiceDeps } from "./service_deps.ts";
import { verifyInstall } from "./verify_install.ts";

const EMPTY = new Uint8Array();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /v1/notifications`: `{notifications: [{id, case_id, status, fixed_in?, message, created_at}], cursor}`.
 *
 * @example
 * ```ts ignore
 * app.get("/v1/notifications", (c) => getNotifications(deps, c.req.raw));
 * ```
 */
export async function getNotifications(deps: ServiceDeps, req: Request): Promise<Response> {
  const installKey = verifyInstall(deps.verifier, req, EMPTY, deps.now());
  if (installKey instanceof Response) return installKey;
  const since = new URL(req.url).searchParams.get("since") ?? "0";
  if (!/^\d{1,15}$/.test(since)) {
    return apiError({
      status: 400,
      code: "invalid_cursor",
      message: "since must be a cursor from an earlier answer",
      field: "since",
      retry: false,
    });
  }
  const after = Number(since);
  if (after > 0) await deps.store.markNotificationsDelivered(installKey, after, deps.now());
  const rows = await deps.store.notificationsFor(installKey, after);
  return Response.json({
    notifications: rows.map((n) => ({
      id: String(n.id),
      case_id: n.caseId,
      report_id: n.reportId,
      status: publicStatus(n.status, 100),
      ...(n.fixedIn ? { fixed_in: n.fixedIn } : {}),
      message: n.fixedIn
        ? `${n.caseId} is fixed in ${n.fixedIn}: upgrade caro to get the fix`
        : `${n.caseId} was updated`,
      created_at: new Date(n.createdAt).toISOString(),
    })),
    cursor: String(rows.at(-1)?.id ?? after),
  });
}

/**
 * `DELETE /v1/reports/{id}`: 204 when erased; 404 unknown; 403 sent by another install.
 *
 * @example
 * ```ts ignore
 * app.delete("/v1/reports/:id", (c) => deleteReport(deps, c.req.raw, c.req.param("id")));
 * ```
 */
export async function deleteReport(
  deps: ServiceDeps,
  req: Request,
  reportId: string,
): Promise<Response> {
  const installKey = verifyInstall(deps.verifier, req, EMPTY, deps.now());
  if (installKey instanceof Response) return installKey;
  const outcome = UUID.test(reportId)
    ? await deps.store.eraseReport(reportId, installKey)
    : "not_found";
  if (outcome === "erased") {
    deps.log("report_erased", { report_id: reportId });
    return new Response(null, { status: 204 });
  }
  return outcome === "forbidden"
    ? apiError({
      status: 403,
      code: "forbidden",
      message: "Another install sent this report",
      retry: false,
    })
    : apiError({ status: 404, code: "not_found", message: "Report not found", retry: false });
}
