/**
 * Reports for air-gapped machines: `caro report --export FILE` writes the
 * exact payload with its signature headers instead of sending it, and
 * `caro report --submit FILE` on a connected machine checks the file (the
 * body hashes to `body_sha256`, the signature verifies, the body is a valid
 * report) and sends those same bytes. The service only accepts fresh
 * signatures, so the sending install signs again when it delivers; the
 * exported signature proves the file was not changed on the way.
 *
 * @module
 */
import { CaroError, whyFileFailed } from "../../errors.ts";
import { type ConsentLevel, DiagnosticReport } from "../../protocol/report/schema.ts";
import {
  type InstallKey,
  signRequest,
  verifySignedRequest,
} from "../../protocol/signed_request.ts";
import type { ReportPayload } from "./report_payload.ts";
import { sha256Hex } from "../../platform/hex.ts";

/** The `format` of an exported report file. */
export const EXPORT_FORMAT = "caro-report-export/1";

/** The file written by {@link exportReport}. */
export interface ExportedReport {
  format: typeof EXPORT_FORMAT;
  report_id: string;
  method: "POST";
  path: "/v1/reports";
  headers: Record<string, string>;
  body_sha256: string;
  /** The exact payload text (UTF-8): the bytes that will be POSTed. */
  body: string;
}

/**
 * Writes a signed export of `payload` to `file` (mode 0600); refuses to
 * overwrite an existing file.
 *
 * @example
 * ```ts ignore
 * await exportReport("report.caro.json", payload, installKey, Date.now());
 * ```
 */
export async function exportReport(
  file: string,
  payload: ReportPayload,
  installKey: InstallKey,
  nowMs: number,
): Promise<void> {
  const signature = await signRequest(installKey, {
    method: "POST",
    pathAndQuery: "/v1/reports",
    body: payload.bytes,
  }, nowMs);
  const exported: ExportedReport = {
    format: EXPORT_FORMAT,
    report_id: payload.report.id,
    method: "POST",
    path: "/v1/reports",
    headers: {
      "content-type": "application/json",
      "idempotency-key": payload.report.id,
      ...signature,
    },
    body_sha256: payload.sha256,
    body: payload.text,
  };
  try {
    await Deno.writeTextFile(file, JSON.stringify(exported, null, 2) + "\n", {
      mode: 0o600,
      createNew: true,
    });
  } catch (error) {
    // A directory is "already there" too: never written into or over.
    const why = error instanceof Deno.errors.AlreadyExists
      ? "something is already there (name a new file)"
      : error instanceof Deno.errors.NotFound
      ? "its folder does not exist"
      : whyFileFailed(error);
    throw new CaroError(`Cannot export to "${file}": ${why}`, { cause: error });
  }
}

/** A checked export, ready to deliver. */
export interface CheckedExport {
  reportId: string;
  /** The consent level the report was exported at. */
  level: ConsentLevel;
  body: Uint8Array;
  sha256: string;
}

/**
 * Reads and checks an exported report; any mismatch is a one-line
 * {@link CaroError} naming the file.
 *
 * @example
 * ```ts ignore
 * const { reportId, body } = await readExportedReport("report.caro.json");
 * ```
 */
export async function readExportedReport(file: string): Promise<CheckedExport> {
  const refuse = (why: string) => new CaroError(`Cannot submit "${file}": ${why}`);
  let exported: Partial<ExportedReport>;
  try {
    exported = JSON.parse(await Deno.readTextFile(file));
  } catch (error) {
    if (error instanceof SyntaxError) throw refuse("not JSON (was it written by caro --export?)");
    throw refuse(whyFileFailed(error));
  }
  if (exported?.format !== EXPORT_FORMAT || typeof exported.body !== "string") {
    throw refuse(`not a ${EXPORT_FORMAT} file`);
  }
  const body = new TextEncoder().encode(exported.body);
  const sha256 = await sha256Hex(body);
  if (sha256 !== exported.body_sha256) throw refuse("the body does not match body_sha256");
  const check = await verifySignedRequest(
    new Headers(exported.headers ?? {}),
    { method: "POST", pathAndQuery: "/v1/reports", body },
    0,
    Number.POSITIVE_INFINITY,
  );
  if (!check.ok) throw refuse(`the signature does not verify (${check.reason})`);
  let report;
  try {
    report = DiagnosticReport.safeParse(JSON.parse(exported.body));
  } catch {
    throw refuse("the body is not JSON");
  }
  if (!report.success) throw refuse("the body is not a valid report");
  if (report.data.id !== exported.report_id) throw refuse("report_id does not match the body");
  return { reportId: report.data.id, level: report.data.consent_level, body, sha256 };
}
