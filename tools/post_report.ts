/**
 * Sends one report to a healing service as a caro install would: the body
 * signed with the install's key, the report id as idempotency key. Used by
 * the tests, the chaos runs and the benches.
 *
 * @module
 */
import { type InstallKey, signRequest } from "../src/protocol/signed_request.ts";

/**
 * POSTs a report (object or exact bytes) signed by `key` at `nowMs`.
 *
 * @example
 * ```ts ignore
 * const res = await postReport("http://127.0.0.1:8787", key, sampleReport());
 * ```
 */
export async function postReport(
  url: string,
  key: InstallKey,
  report: unknown,
  options: { nowMs?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const body = report instanceof Uint8Array
    ? report
    : new TextEncoder().encode(JSON.stringify(report));
  const signed = await signRequest(
    key,
    { method: "POST", pathAndQuery: "/v1/reports", body },
    options.nowMs ?? Date.now(),
  );
  const id = (report as { id?: unknown })?.id;
  return fetch(`${url}/v1/reports`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(typeof id === "string" ? { "idempotency-key": id } : {}),
      ...signed,
      ...options.headers,
    },
    body: body as BodyInit,
  });
}
