/**
 * `POST /v1/webhooks/github`: checks `X-Hub-Signature-256` (HMAC-SHA256 of
 * the raw body; WebCrypto's verify compares in constant time; several
 * secrets allowed while one is rotated), dedupes on `X-GitHub-Delivery`
 * (GitHub keeps it on redelivery) and on the SHA-256 of the body (the
 * signature covers the body only, so a captured body replayed under a new
 * delivery id is still the same delivery), then applies the event's meaning
 * ({@link applyWebhook}) and answers at once (GitHub waits 10 s at most; slow
 * work goes to the outbox). When applying fails (500, retry), the delivery is
 * forgotten again, so that a redelivery is applied, not answered "duplicate".
 * A wrong signature changes nothing: 401. Any event
 * name GitHub sends is accepted (`projects_v2_item`, …); those that mean
 * nothing here are answered 200 `ignored`.
 *
 * @module
 */
import type { LoopExtension } from "../loop_extension.ts";
import { sha256Hex } from "../../platform/hex.ts";
import { applyWebhook } from "../webhook/apply_webhook.ts";
import { apiError } from "./api_error.ts";
import { readBodyCapped } from "./read_body.ts";
import type { ServiceDeps } from "./service_deps.ts";

/** GitHub caps payloads at 25 MB; ours are small. */
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * Imports webhook secrets as HMAC keys.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { webhookKeys } from "./github_webhook.ts";
 * assert((await webhookKeys(["s3cret"])).length === 1);
 * ```
 */
export function webhookKeys(secrets: readonly string[]): Promise<CryptoKey[]> {
  return Promise.all(
    secrets.map((secret) =>
      crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(secret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["verify"],
      )
    ),
  );
}

/**
 * Whether `header` (`sha256=<hex>`) is a valid signature of `body` under one of `keys`.
 *
 * @example
 * ```ts ignore
 * if (!(await webhookSignatureValid(keys, body, req.headers.get("x-hub-signature-256")))) return 401;
 * ```
 */
export async function webhookSignatureValid(
  keys: readonly CryptoKey[],
  body: Uint8Array,
  header: string | null,
): Promise<boolean> {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? "");
  if (!match) return false;
  const mac = Uint8Array.from(match[1].match(/../g)!, (h) => Number.parseInt(h, 16));
  let valid = false;
  for (const key of keys) {
    if (await crypto.subtle.verify("HMAC", key, mac as BufferSource, body as BufferSource)) {
      valid = true;
    }
  }
  return valid;
}

/**
 * Handles one GitHub webhook delivery.
 *
 * @example
 * ```ts ignore
 * app.post("/v1/webhooks/github", (c) => postGitHubWebhook(deps, keys, loop, c.req.raw));
 * ```
 */
export async function postGitHubWebhook(
  deps: ServiceDeps,
  keys: readonly CryptoKey[],
  loop: LoopExtension,
  req: Request,
): Promise<Response> {
  const count = (outcome: string) =>
    deps.metrics.inc("caro_webhooks_total", "GitHub webhooks, by outcome.", { outcome });
  if (keys.length === 0) {
    count("disabled");
    return apiError({
      status: 404,
      code: "webhooks_disabled",
      message: "No webhook secret is configured",
      retry: false,
    });
  }
  const body = await readBodyCapped(req, MAX_WEBHOOK_BYTES);
  if (!body) {
    count("rejected");
    return apiError({ status: 413, code: "too_large", message: "Payload too large", retry: false });
  }
  if (!(await webhookSignatureValid(keys, body, req.headers.get("x-hub-signature-256")))) {
    count("bad_signature");
    deps.log("webhook_rejected", { reason: "signature" });
    return apiError({
      status: 401,
      code: "signature_invalid",
      message: "X-Hub-Signature-256 does not match",
      retry: false,
    });
  }
  const delivery = req.headers.get("x-github-delivery") ?? "";
  const event = req.headers.get("x-github-event") ?? "";
  if (!/^[\w-]{1,100}$/.test(delivery) || !/^[\w.-]{1,100}$/.test(event)) {
    count("rejected");
    return apiError({
      status: 400,
      code: "missing_headers",
      message: "X-GitHub-Delivery and X-GitHub-Event are required",
      field: delivery ? "X-GitHub-Event" : "X-GitHub-Delivery",
      retry: false,
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    count("rejected");
    return apiError({
      status: 400,
      code: "invalid_json",
      message: "The payload is not JSON",
      retry: false,
    });
  }
  const digest = await sha256Hex(body);
  if (!(await deps.store.rememberWebhookDelivery({ id: delivery, digest }, deps.now()))) {
    count("duplicate");
    deps.log("webhook_duplicate", { delivery });
    return Response.json({ delivery, duplicate: true });
  }
  let effect: Awaited<ReturnType<typeof applyWebhook>>;
  try {
    effect = await applyWebhook(event, payload, { ...deps, loop });
  } catch (error) {
    // Answered 500 (retry): GitHub's redelivery must find it not yet seen.
    await deps.store.forgetWebhookDelivery({ id: delivery, digest });
    throw error;
  }
  count(effect.kind);
  deps.log("webhook", { delivery, github_event: event, kind: effect.kind, cases: effect.caseIds });
  return Response.json({ delivery, kind: effect.kind, cases: effect.caseIds });
}
