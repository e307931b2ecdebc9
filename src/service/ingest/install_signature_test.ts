import { deepEqual } from "node:assert/strict";
import {
  generateInstallKey,
  MAX_SKEW_MS,
  signRequest,
  toBase64Url,
  verifySignedRequest,
} from "../../protocol/signed_request.ts";
import { createInstallVerifier } from "./install_signature.ts";

Deno.test("install signature: the same answer as the protocol's verifySignedRequest, case by case", async () => {
  const now = Date.UTC(2026, 10, 30, 12);
  const key = await generateInstallKey();
  const other = await generateInstallKey();
  const request = {
    method: "POST",
    pathAndQuery: "/v1/reports",
    body: new TextEncoder().encode('{"a":1}'),
  };
  const signed = await signRequest(key, request, now);
  const signedByOther = await signRequest(other, request, now);
  const cases: [string, Record<string, string>, typeof request, number][] = [
    ["valid", signed, request, now],
    ["tampered body", signed, { ...request, body: new TextEncoder().encode('{"a":2}') }, now],
    ["other path", signed, { ...request, pathAndQuery: "/v1/reports?x=1" }, now],
    ["other method", signed, { ...request, method: "PUT" }, now],
    [
      "key of another install",
      { ...signed, "x-caro-key": signedByOther["x-caro-key"] },
      request,
      now,
    ],
    ["stale", signed, request, now + MAX_SKEW_MS + 1_000],
    ["from the future", signed, request, now - MAX_SKEW_MS - 1_000],
    ["at the skew limit", signed, request, now + MAX_SKEW_MS],
    ["missing signature", { ...signed, "x-caro-signature": "" }, request, now],
    ["no headers", {}, request, now],
    ["timestamp not a number", { ...signed, "x-caro-timestamp": "12a" }, request, now],
    ["key not base64url", { ...signed, "x-caro-key": "not base64!" }, request, now],
    ["short key", { ...signed, "x-caro-key": toBase64Url(new Uint8Array(31)) }, request, now],
    [
      "short signature",
      { ...signed, "x-caro-signature": toBase64Url(new Uint8Array(63)) },
      request,
      now,
    ],
    ["zero key", { ...signed, "x-caro-key": toBase64Url(new Uint8Array(32)) }, request, now],
    [
      "0xff key",
      { ...signed, "x-caro-key": toBase64Url(new Uint8Array(32).fill(255)) },
      request,
      now,
    ],
  ];
  const fast = createInstallVerifier(2);
  for (const [name, headers, req, at] of cases) {
    for (let round = 0; round < 2; round++) { // the second round hits the key cache
      const expected = await verifySignedRequest(new Headers(headers), req, at);
      const actual = fast(new Headers(headers), req, at);
      deepEqual(actual, expected, name);
    }
  }
});
