/**
 * How a caro install proves who it is to the healing service: every report
 * and every notification request carries an Ed25519 signature, made with the
 * install's own key, over a timestamp, the method, the path and the exact
 * body bytes. The public key is the install's identity; no account exists.
 *
 * Signed message (UTF-8, then the raw body bytes appended):
 * `caro-v1\n<unix seconds>\n<METHOD>\n<path?query>\n`
 *
 * @module
 */

/** Header carrying the install's raw Ed25519 public key, base64url. */
export const KEY_HEADER = "x-caro-key";
/** Header carrying the signing time, unix seconds. */
export const TIMESTAMP_HEADER = "x-caro-timestamp";
/** Header carrying the Ed25519 signature, base64url. */
export const SIGNATURE_HEADER = "x-caro-signature";
/** The largest clock difference the service accepts. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

/** What is signed for one request. */
export interface RequestToSign {
  method: string;
  /** Path plus query string, e.g. `/v1/notifications?since=12`. */
  pathAndQuery: string;
  body: Uint8Array;
}

/**
 * Builds the exact bytes that are signed for a request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { signingMessage } from "./signed_request.ts";
 * const bytes = signingMessage(1700000000, { method: "GET", pathAndQuery: "/v1/x", body: new Uint8Array() });
 * assert(new TextDecoder().decode(bytes) === "caro-v1\n1700000000\nGET\n/v1/x\n");
 * ```
 */
export function signingMessage(unixSeconds: number, request: RequestToSign): Uint8Array {
  const head = new TextEncoder().encode(
    `caro-v1\n${unixSeconds}\n${request.method.toUpperCase()}\n${request.pathAndQuery}\n`,
  );
  const message = new Uint8Array(head.length + request.body.length);
  message.set(head, 0);
  message.set(request.body, head.length);
  return message;
}

/** An install's signing identity. */
export interface InstallKey {
  /** The Ed25519 private key (WebCrypto), for signing requests. */
  privateKey: CryptoKey;
  /** Raw 32-byte Ed25519 public key. */
  publicKeyRaw: Uint8Array;
}

/**
 * A new random install key (Ed25519), in memory only. The CLI keeps its
 * own on disk (`loadOrCreateInstallKey`); tests, benches and fuzzers use
 * this one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateInstallKey } from "./signed_request.ts";
 * const key = await generateInstallKey();
 * assert(key.publicKeyRaw.length === 32 && key.privateKey.type === "private");
 * ```
 */
export async function generateInstallKey(): Promise<InstallKey> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  return {
    privateKey: pair.privateKey,
    publicKeyRaw: new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)),
  };
}

/**
 * Signs a request and returns the headers to send with it.
 *
 * @example Signing a report body
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateInstallKey, signRequest } from "./signed_request.ts";
 * const headers = await signRequest(await generateInstallKey(), {
 *   method: "POST", pathAndQuery: "/v1/reports", body: new TextEncoder().encode("{}"),
 * }, Date.now());
 * assert(headers["x-caro-signature"].length > 80);
 * ```
 */
export async function signRequest(
  key: InstallKey,
  request: RequestToSign,
  nowMs: number,
): Promise<Record<string, string>> {
  const seconds = Math.floor(nowMs / 1000);
  const signature = await crypto.subtle.sign(
    "Ed25519",
    key.privateKey,
    signingMessage(seconds, request) as BufferSource,
  );
  return {
    [KEY_HEADER]: toBase64Url(key.publicKeyRaw),
    [TIMESTAMP_HEADER]: String(seconds),
    [SIGNATURE_HEADER]: toBase64Url(new Uint8Array(signature)),
  };
}

/** Why a signature was refused. */
export type SignatureRejection = "missing" | "malformed" | "skew" | "invalid";

/** The outcome of {@link verifySignedRequest}. */
export type SignatureCheck =
  | { ok: true; installKey: string; signedAtMs: number }
  | { ok: false; reason: SignatureRejection };

/** Signature headers that are present, well formed and within the clock skew. */
export interface SignatureParts {
  /** The base64url public key as sent: the install id. */
  installKey: string;
  publicKeyRaw: Uint8Array;
  signature: Uint8Array;
  /** The signed timestamp, in seconds (part of the signed message). */
  unixSeconds: number;
  signedAtMs: number;
}

/**
 * Reads and checks a request's signature headers (presence, form, clock
 * skew) without verifying the signature: the part every verifier shares.
 *
 * @example A timestamp an hour old is refused before any crypto
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSignatureParts } from "./signed_request.ts";
 * const now = 1_700_000_000_000;
 * const headers = new Headers({
 *   "x-caro-key": "A".repeat(43), "x-caro-timestamp": String(now / 1000 - 3600),
 *   "x-caro-signature": "A".repeat(86),
 * });
 * assert(readSignatureParts(headers, now).reason === "skew");
 * ```
 */
export function readSignatureParts(
  headers: Headers,
  nowMs: number,
  maxSkewMs: number = MAX_SKEW_MS,
): { parts: SignatureParts; reason?: undefined } | {
  parts?: undefined;
  reason: SignatureRejection;
} {
  const installKey = headers.get(KEY_HEADER);
  const timestampText = headers.get(TIMESTAMP_HEADER);
  const signatureText = headers.get(SIGNATURE_HEADER);
  if (!installKey || !timestampText || !signatureText) return { reason: "missing" };
  if (!/^\d{1,12}$/.test(timestampText)) return { reason: "malformed" };
  const publicKeyRaw = fromBase64Url(installKey);
  const signature = fromBase64Url(signatureText);
  if (publicKeyRaw?.length !== 32 || signature?.length !== 64) return { reason: "malformed" };
  const unixSeconds = Number(timestampText);
  const signedAtMs = unixSeconds * 1000;
  if (Math.abs(nowMs - signedAtMs) > maxSkewMs) return { reason: "skew" };
  // One key, one spelling (the install id), and no key that verifies forged signatures.
  if (toBase64Url(publicKeyRaw) !== installKey || !isAcceptablePublicKey(publicKeyRaw)) {
    return { reason: "malformed" };
  }
  return { parts: { installKey, publicKeyRaw, signature, unixSeconds, signedAtMs } };
}

/** y (little-endian, sign bit cleared) of the Ed25519 points of order 1, 2, 4 and 8. */
const SMALL_ORDER_Y = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
];

/**
 * Whether a raw Ed25519 public key is canonical (its y below the field
 * prime 2^255 − 19) and not of small order: a small-order key (the
 * identity, y = 0, y = −1, the order-8 points, in either sign) lets one
 * constant signature verify for any message.
 *
 * @example The identity point is refused, a generated key is not
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateInstallKey, isAcceptablePublicKey } from "./signed_request.ts";
 * const identity = new Uint8Array(32);
 * identity[0] = 1;
 * assert.equal(isAcceptablePublicKey(identity), false);
 * const key = await generateInstallKey();
 * assert.equal(isAcceptablePublicKey(key.publicKeyRaw), true);
 * ```
 */
export function isAcceptablePublicKey(raw: Uint8Array): boolean {
  if (raw.length !== 32) return false;
  const y = Uint8Array.from(raw);
  y[31] &= 0x7f;
  // Non-canonical: y ≥ p = 2^255 − 19 (ed ff … ff 7f, little-endian).
  let aboveP = y[31] === 0x7f && y[0] >= 0xed;
  for (let i = 1; aboveP && i < 31; i++) aboveP = y[i] === 0xff;
  if (aboveP) return false;
  const hex = Array.from(y, (b) => b.toString(16).padStart(2, "0")).join("");
  return !SMALL_ORDER_Y.includes(hex);
}

/**
 * Verifies the signature headers of a request against its exact bytes.
 * `installKey` in the result is the base64url public key: the install id.
 *
 * @example A tampered body fails
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateInstallKey, signRequest, verifySignedRequest } from "./signed_request.ts";
 * const req = { method: "POST", pathAndQuery: "/v1/reports", body: new TextEncoder().encode("{}") };
 * const headers = await signRequest(await generateInstallKey(), req, Date.now());
 * const check = await verifySignedRequest(new Headers(headers), { ...req, body: new TextEncoder().encode("[]") }, Date.now());
 * assert(!check.ok);
 * ```
 */
export async function verifySignedRequest(
  headers: Headers,
  request: RequestToSign,
  nowMs: number,
  maxSkewMs: number = MAX_SKEW_MS,
): Promise<SignatureCheck> {
  const { parts, reason } = readSignatureParts(headers, nowMs, maxSkewMs);
  if (!parts) return { ok: false, reason };
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey(
      "raw",
      parts.publicKeyRaw as BufferSource,
      { name: "Ed25519" },
      false,
      ["verify"],
    );
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const valid = await crypto.subtle.verify(
    "Ed25519",
    publicKey,
    parts.signature as BufferSource,
    signingMessage(parts.unixSeconds, request) as BufferSource,
  );
  return valid
    ? { ok: true, installKey: parts.installKey, signedAtMs: parts.signedAtMs }
    : { ok: false, reason: "invalid" };
}

/**
 * Encodes bytes as unpadded base64url.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toBase64Url } from "./signed_request.ts";
 * assert(toBase64Url(new Uint8Array([251, 255])) === "-_8");
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Decodes unpadded base64url; `undefined` when the text is not base64url.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromBase64Url } from "./signed_request.ts";
 * assert(fromBase64Url("-_8")?.[0] === 251);
 * assert(fromBase64Url("not base64!") === undefined);
 * ```
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length > 1024) return undefined;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}
