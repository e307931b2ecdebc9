/**
 * The healing service's store: persistence only, one port per concern.
 * Two implementations pass the same contract
 * (`tests/_support/store_contract.ts`): SQLite through `node:sqlite` (the
 * embedded default, `sqlite/`) and PostgreSQL (`postgres/`, for several
 * service processes), one file per port each.
 *
 * What every implementation guarantees:
 * - report ids are unique; a stored report id is a replay, never a second
 *   report or case;
 * - one case per fingerprint key (the `fingerprints` table maps keys to
 *   cases, so keys can be merged and v2 keys linked to v1 cases);
 * - case ids `CARO-<year>-<seq>` without gaps or duplicates under concurrency;
 * - a report, its case's change and the jobs that follow commit together, as
 *   does a resolution with its notifications and e-mail jobs;
 * - times are epoch milliseconds.
 *
 * The rules (which key, what a replay answers, when a case reopens, which
 * jobs follow) live in `../cases/`.
 *
 * @module
 */
import type { CasePort } from "./case_port.ts";
import type { ContactPort } from "./contact_port.ts";
import type { DeliveryPort } from "./delivery_port.ts";
import type { NotificationPort } from "./notification_port.ts";
import type { OutboxPort } from "./outbox_port.ts";
import type { QuotaPort } from "./quota_port.ts";
import type { ReleasePort } from "./release_port.ts";
import type { ReportPort } from "./report_port.ts";
import type { RetentionPort } from "./retention_port.ts";
import type { SecretPort } from "./secret_port.ts";

/** The store: every port, and a way to close it. */
export interface HealingStore
  extends
    ReportPort,
    CasePort,
    QuotaPort,
    OutboxPort,
    DeliveryPort,
    ReleasePort,
    NotificationPort,
    ContactPort,
    RetentionPort,
    SecretPort {
  /** Commits what is pending and releases the database. */
  close(): Promise<void>;
}
