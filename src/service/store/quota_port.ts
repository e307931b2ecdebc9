/**
 * The quota port: install first sightings and fixed-window counters charged
 * all-or-nothing.
 *
 * @module
 */

/** One quota counter to charge (all charges of a request pass or none counts). */
export interface QuotaCharge {
  /** Scope name for the answer, e.g. `install`, `source`, `case`, `global`. */
  scope: string;
  /** Counter name, e.g. `install:<key>`; hashed values only, never raw addresses. */
  bucket: string;
  limit: number;
  windowMs: number;
  /** Count distinct members (e.g. install keys) instead of events. */
  member?: string;
}

/** The outcome of {@link QuotaPort.consumeQuota}. */
export type QuotaDecision =
  | { ok: true }
  | { ok: false; scope: string; bucket: string; retryAfterMs: number };

/** The quota operations. */
export interface QuotaPort {
  /** Records an install key's first sighting; returns when it was first seen. */
  touchInstall(installKey: string, now: number): Promise<number>;
  /** Charges quota counters all-or-nothing. */
  consumeQuota(charges: readonly QuotaCharge[], now: number): Promise<QuotaDecision>;
}
