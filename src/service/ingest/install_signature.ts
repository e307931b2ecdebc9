/**
 * The service's verifier of signed install requests: the protocol of
 * `src/protocol/signed_request.ts` (same headers, same signed message, same
 * skew via `readSignatureParts`, same outcomes as `verifySignedRequest`), computed synchronously with
 * `node:crypto` and a bounded cache of parsed public keys. WebCrypto's
 * asynchronous verify hands every request to a worker thread and back; on
 * the ingest path that hop cost more than the verification itself (the
 * ingest bench doubled with this verifier). `install_signature_test.ts`
 * checks it against `verifySignedRequest` case by case.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import {
  readSignatureParts,
  type RequestToSign,
  type SignatureCheck,
  signingMessage,
} from "../../protocol/signed_request.ts";

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** A verifier: the same answer as `verifySignedRequest`, synchronously. */
export type InstallVerifier = (
  headers: Headers,
  request: RequestToSign,
  nowMs: number,
) => SignatureCheck;

/**
 * Creates a verifier with a cache of at most `maxKeys` parsed public keys.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createInstallVerifier } from "./install_signature.ts";
 * import { generateInstallKey, signRequest } from "../../protocol/signed_request.ts";
 * const request = { method: "POST", pathAndQuery: "/v1/reports", body: new TextEncoder().encode("{}") };
 * const headers = await signRequest(await generateInstallKey(), request, Date.now());
 * assert(createInstallVerifier()(new Headers(headers), request, Date.now()).ok);
 * ```
 */
export function createInstallVerifier(maxKeys = 10_000): InstallVerifier {
  const keys = new Map<string, KeyObject | undefined>();
  const parse = (keyText: string, raw: Uint8Array): KeyObject | undefined => {
    if (keys.has(keyText)) return keys.get(keyText);
    let key: KeyObject | undefined;
    try {
      key = createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
        format: "der",
        type: "spki",
      });
    } catch {
      key = undefined;
    }
    if (keys.size >= maxKeys) keys.clear();
    keys.set(keyText, key);
    return key;
  };
  return (headers, request, nowMs) => {
    const { parts, reason } = readSignatureParts(headers, nowMs);
    if (!parts) return { ok: false, reason };
    const key = parse(parts.installKey, parts.publicKeyRaw);
    if (!key) return { ok: false, reason: "malformed" };
    let valid = false;
    try {
      valid = verify(null, signingMessage(parts.unixSeconds, request), key, parts.signature);
    } catch {
      valid = false;
    }
    return valid
      ? { ok: true, installKey: parts.installKey, signedAtMs: parts.signedAtMs }
      : { ok: false, reason: "invalid" };
  };
}
