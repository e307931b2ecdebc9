/**
 * Checks a signed request (Ed25519 by the install key over timestamp,
 * method, path and exact body; skew ≤ 5 min) and answers 401 when it fails.
 *
 * @module
 */
import type { InstallVerifier } from "../ingest/install_signature.ts";
import { apiError } from "./api_error.ts";
import type { SignatureRejection } from "../../protocol/signed_request.ts";

const MESSAGES: Record<SignatureRejection, string> = {
  missing: "The request is not signed",
  malformed: "The request signature is malformed",
  skew: "The request signature is too old or from the future (check the clock)",
  invalid: "The request signature does not match",
};

/**
 * The install key (base64url public key) of a correctly signed request, or a 401 response.
 *
 * @example
 * ```ts ignore
 * const who = verifyInstall(deps.verifier, req, body, Date.now());
 * if (who instanceof Response) return who;
 * ```
 */
export function verifyInstall(
  verifySigned: InstallVerifier,
  req: Request,
  body: Uint8Array,
  nowMs: number,
): string | Response {
  const url = new URL(req.url);
  const check = verifySigned(req.headers, {
    method: req.method,
    pathAndQuery: url.pathname + url.search,
    body,
  }, nowMs);
  if (check.ok) return check.installKey;
  return apiError({
    status: 401,
    code: `signature_${check.reason}`,
    message: MESSAGES[check.reason],
    // A skewed clock can be fixed and the report re-signed; the rest cannot.
    retry: check.reason === "skew",
  });
}
