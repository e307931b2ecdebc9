/**
 * The retention port: what expires and is deleted.
 *
 * @module
 */

/** What {@link RetentionPort.purgeExpired} deletes. */
export interface RetentionPolicy {
  /** Reports are deleted this long after their case resolved (90 days). */
  resolvedReportMs: number;
  /** Contacts are deleted this long after they were left, delivered or not (90 days). */
  contactMs: number;
  /** Webhook delivery ids are forgotten after this long. */
  deliveryMs: number;
}

/** What one retention run deleted. */
export interface RetentionResult {
  reports: number;
  contacts: number;
  deliveries: number;
  quotaRows: number;
}

/** The retention operation. */
export interface RetentionPort {
  purgeExpired(now: number, policy: RetentionPolicy): Promise<RetentionResult>;
}
