/**
 * The notification port: notices an install fetches (`GET /v1/notifications`).
 *
 * @module
 */

/** A notice for an install. */
export interface StoredNotification {
  id: number;
  caseId: string;
  reportId: string;
  kind: string;
  createdAt: number;
  /** The case's status and fixed-in version now. */
  status: string;
  fixedIn?: string;
}

/** The notification operations. */
export interface NotificationPort {
  /** Notifications for an install after `afterId`, oldest first (≤ 100). */
  notificationsFor(installKey: string, afterId: number): Promise<StoredNotification[]>;
  /** Marks an install's notifications up to `upToId` delivered (fetched). */
  markNotificationsDelivered(installKey: string, upToId: number, now: number): Promise<void>;
}
