/**
 * Which quota counters one report charges: global (per minute), its install
 * key (lower while the key is younger than a day), its hashed source prefix
 * (reports, and distinct young install keys: minting keys does not help), and
 * its case when the problem is already known.
 *
 * @module
 */
import type { ServiceLimits } from "../service_limits.ts";
import type { QuotaCharge } from "../store/quota_port.ts";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** What the plan needs to know about a report. */
export interface QuotaSubject {
  installKey: string;
  /** The install key was first seen less than a day ago. */
  youngKey: boolean;
  /** Hashed source prefix. */
  source: string;
  /** The case the report will join, when known. */
  caseId?: string;
}

/**
 * The charges for one report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quotaCharges } from "./quota_plan.ts";
 * import { DEFAULT_LIMITS } from "../service_limits.ts";
 * const charges = quotaCharges({ installKey: "k", youngKey: true, source: "ab" }, DEFAULT_LIMITS);
 * assert(charges.find((c) => c.scope === "install")?.limit === DEFAULT_LIMITS.youngInstallPerHour);
 * ```
 */
export function quotaCharges(subject: QuotaSubject, limits: ServiceLimits): QuotaCharge[] {
  const charges: QuotaCharge[] = [
    { scope: "global", bucket: "global", limit: limits.globalPerMinute, windowMs: MINUTE },
    {
      scope: "install",
      bucket: `install:${subject.installKey}`,
      limit: subject.youngKey ? limits.youngInstallPerHour : limits.installPerHour,
      windowMs: HOUR,
    },
    {
      scope: "source",
      bucket: `source:${subject.source}`,
      limit: limits.sourcePerHour,
      windowMs: HOUR,
    },
  ];
  if (subject.youngKey) {
    charges.push({
      scope: "source",
      bucket: `source-young-installs:${subject.source}`,
      limit: limits.sourceYoungInstallsPerHour,
      windowMs: HOUR,
      member: subject.installKey,
    });
  }
  if (subject.caseId) {
    charges.push({
      scope: "case",
      bucket: `case:${subject.caseId}`,
      limit: limits.casePerHour,
      windowMs: HOUR,
    });
  }
  return charges;
}
