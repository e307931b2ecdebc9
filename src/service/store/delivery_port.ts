/**
 * The webhook delivery port: GitHub delivery ids seen, so a redelivery is
 * applied once.
 *
 * @module
 */

/** The delivery operations. */
export interface DeliveryPort {
  /** Remembers a webhook delivery id; false when it was seen before. */
  rememberWebhookDelivery(id: string, now: number): Promise<boolean>;
}
