/**
 * `POST /v1/reports`: the ingest pipeline, in order — size (413) → signature
 * (401) → JSON, schema, consent and contact (400/422) → every string field
 * through the sanitizer (what it changes quarantines the report; the stored
 * body is the sanitized one, without the contact) → idempotency (a stored
 * report id gets its original case, 200) → quotas (429/503 + Retry-After) →
 * abuse heuristics (quarantine) → dedup signature → one store transaction →
 * 201. Each quarantined report is logged (`report_quarantined`) with the
 * count this process quarantined so far.
 *
 * @module
 */
import { classifyReport } from "../../protocol/report/classify.ts";
import { reportSignature } from "../../protocol/report/signature.ts";
import { admitReport } from "../cases/admit_report.ts";
import { caseSeed } from "../ingest/case_seed.ts";
import { abuseReasons } from "../ingest/abuse.ts";
import { parseReport } from "../ingest/parse_report.ts";
import { screenReport } from "../ingest/screen_report.ts";
import { quotaCharges } from "../ingest/quota_plan.ts";
import { apiError } from "./api_error.ts";
import { type ReportAnswer, reportAnswer } from "./case_answer.ts";
import { readBodyCapped } from "./read_body.ts";
import type { ServiceDeps } from "./service_deps.ts";
import { verifyInstall } from "./verify_install.ts";
import { isEstablished } from "../cases/install_age.ts";

const REPORTS_HELP = "Reports received, by outcome.";

/**
 * Receives one report submission (the service side of the client's upload).
 *
 * @example
 * ```ts ignore
 * app.post("/v1/reports", (c) => receiveReport(deps, c.req.raw, remoteAddress));
 * ```
 */
export async function receiveReport(
  deps: ServiceDeps,
  req: Request,
  remoteAddress: string | undefined,
): Promise<Response> {
  const { store, metrics } = deps;
  const outcome = (name: string) =>
    metrics.inc("caro_reports_total", REPORTS_HELP, { outcome: name });
  const type = req.headers.get("content-type");
  if (type !== null && !/^application\/json\s*(;|$)/i.test(type)) {
    outcome("rejected");
    return apiError({
      status: 415,
      code: "unsupported_media_type",
      message: "Send JSON",
      retry: false,
    });
  }
  const body = await readBodyCapped(req, deps.limits.bodyBytes);
  if (!body) {
    outcome("rejected");
    return apiError({
      status: 413,
      code: "too_large",
      message: `Reports are limited to ${deps.limits.bodyBytes} bytes`,
      retry: false,
    });
  }
  const now = deps.now();
  const installKey = verifyInstall(deps.verifier, req, body, now);
  if (installKey instanceof Response) {
    outcome("rejected");
    return installKey;
  }
  const parsed = parseReport(body);
  if (!parsed.ok) {
    outcome("rejected");
    return apiError({ ...parsed.rejection, retry: false });
  }
  const report = parsed.report;
  const idempotencyKey = req.headers.get("idempotency-key");
  if (idempotencyKey !== null && idempotencyKey !== report.id) {
    outcome("rejected");
    return apiError({
      status: 400,
      code: "idempotency_key_mismatch",
      message: "Idempotency-Key must equal the report id",
      field: "Idempotency-Key",
      retry: false,
    });
  }

  // What is stored, keyed and published is the sanitized report without its contact.
  const screened = screenReport(report);
  const stored = screened.report;
  const signature = await reportSignature(stored);
  const source = await deps.sourceBucket(remoteAddress);
  const abuse = abuseReasons(report);
  if (screened.unsanitized.length > 0) abuse.push("unsanitized");
  const admitted = await admitReport(
    store,
    {
      reportId: report.id,
      installKey,
      signatureKey: signature.key,
      keyVersion: signature.version,
      receivedAt: now,
      caroVersion: stored.caro_version,
      body: stored,
      seed: caseSeed(stored, classifyReport(stored)),
      contact: report.contact,
      quarantined: abuse.length > 0,
    },
    ({ firstSeen, caseId }) =>
      quotaCharges(
        { installKey, youngKey: !isEstablished(firstSeen, now), source, caseId },
        deps.limits,
      ),
  );
  if (!admitted.ok) {
    outcome(`limited_${admitted.refusal.scope}`);
    deps.log("report_limited", { scope: admitted.refusal.scope });
    return quotaRefusal(admitted.refusal);
  }
  const result = admitted.result;
  if (result.replay && result.firstInstallKey !== installKey) {
    outcome("rejected");
    return apiError({
      status: 409,
      code: "report_id_taken",
      message: "This report id was sent by another install",
      retry: false,
    });
  }
  const quarantined = !result.replay && abuse.length > 0;
  const counted = outcome(result.replay ? "replay" : quarantined ? "quarantined" : "created");
  if (result.newCase) metrics.inc("caro_cases_opened_total", "Cases opened.");
  if (result.reopened) metrics.inc("caro_cases_reopened_total", "Cases reopened as regressions.");
  deps.log("report", {
    report_id: report.id,
    case_id: result.caseId,
    status: result.status,
    new_case: result.newCase,
    ...(abuse.length > 0 ? { quarantine: abuse } : {}),
  });
  if (quarantined) {
    deps.log("report_quarantined", {
      report_id: report.id,
      case_id: result.caseId,
      reasons: abuse,
      fields: screened.unsanitized,
      quarantined_total: counted,
    });
  }
  return answer(
    result.replay ? 200 : 201,
    reportAnswer(
      { ...result, reportId: report.id, caroVersion: stored.caro_version },
      deps.publicUrl,
    ),
  );
}

/** 429 (or 503 for the global limit) with when to retry, in Relay's header grammar too. */
function quotaRefusal(quota: { scope: string; retryAfterMs: number }): Response {
  const retryAfterS = Math.max(1, Math.ceil(quota.retryAfterMs / 1000));
  const global = quota.scope === "global";
  return apiError({
    status: global ? 503 : 429,
    code: global ? "overloaded" : "rate_limited",
    message: global
      ? "The service is taking too many reports; try again later"
      : `Too many reports (${quota.scope} limit); try again later`,
    retry: true,
    retryAfterS,
    headers: {
      "x-caro-rate-limits": `${retryAfterS}:report:${quota.scope}:${
        global ? "overloaded" : "quota"
      }`,
    },
  });
}

function answer(status: number, body: ReportAnswer): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
