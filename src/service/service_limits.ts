/**
 * The service's limits: body size, quotas per install key, per hashed
 * source prefix, per case and global (fixed windows), lower for install keys
 * younger than a day. Source thresholds count distinct installs, since
 * anyone can mint keys. Every limit can be overridden from the environment
 * (`CARO_LIMIT_<NAME>`, e.g. `CARO_LIMIT_INSTALL_PER_HOUR=120`).
 *
 * @module
 */
import { positiveIntegerEnv } from "./positive_integer_env.ts";
import type { EnvReader } from "../platform/env.ts";

/** All limits. Counts are per window; windows are fixed. */
export interface ServiceLimits {
  /** Largest accepted report body in bytes (64 KiB). */
  bodyBytes: number;
  /** Reports per hour from one install key aged ≥ 1 day. */
  installPerHour: number;
  /** Reports per hour from one install key younger than a day. */
  youngInstallPerHour: number;
  /** Reports per hour from one source prefix (/24 IPv4, /48 IPv6). */
  sourcePerHour: number;
  /** Distinct young install keys per hour from one source prefix. */
  sourceYoungInstallsPerHour: number;
  /** Reports per hour into one case. */
  casePerHour: number;
  /** Reports per minute over the whole service (beyond: 503). */
  globalPerMinute: number;
}

/** The defaults (10,000 reports/day is the target volume: ~7/minute). */
export const DEFAULT_LIMITS: Readonly<ServiceLimits> = {
  bodyBytes: 64 * 1024,
  installPerHour: 60,
  youngInstallPerHour: 10,
  sourcePerHour: 600,
  sourceYoungInstallsPerHour: 30,
  casePerHour: 2_000,
  globalPerMinute: 6_000,
};

/**
 * The defaults with `CARO_LIMIT_<NAME>` overrides (NAME = the field in
 * upper snake case). A value that is not a positive integer is a one-line error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { limitsFromEnv } from "./service_limits.ts";
 * import { envFrom } from "../platform/env.ts";
 * assert(limitsFromEnv(envFrom({ CARO_LIMIT_INSTALL_PER_HOUR: "5" })).installPerHour === 5);
 * ```
 */
export function limitsFromEnv(env: EnvReader): ServiceLimits {
  const limits: ServiceLimits = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(limits) as (keyof ServiceLimits)[]) {
    const variable = `CARO_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    limits[name] = positiveIntegerEnv(env, variable) ?? limits[name];
  }
  return limits;
}
