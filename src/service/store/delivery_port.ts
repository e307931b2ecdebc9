/**
 * The webhook delivery port: GitHub delivery ids and payload digests seen, so
 * a redelivery, or a captured body replayed under a new delivery id (the
 * signature covers the body only), is applied once.
 *
 * @module
 */

/**
 * The row that remembers a body digest, beside the delivery ids (which are
 * `[A-Za-z0-9_-]`, so the `sha256:` prefix never collides with one); it
 * expires with them. A delivery is new only when both rows are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { digestKey } from "./delivery_port.ts";
 * assert.equal(digestKey("ab"), "sha256:ab");
 * ```
 */
export function digestKey(digest: string): string {
  return `sha256:${digest}`;
}

/** The delivery operations. */
export interface DeliveryPort {
  /**
   * Remembers a delivery id and the SHA-256 (hex) of its body in one
   * transaction; false, and nothing stored, when either was seen before.
   */
  rememberWebhookDelivery(delivery: { id: string; digest: string }, now: number): Promise<boolean>;
  /**
   * Forgets a delivery remembered by this request whose effect then failed,
   * so that GitHub's redelivery is applied instead of answered "duplicate".
   */
  forgetWebhookDelivery(delivery: { id: string; digest: string }): Promise<void>;
}
