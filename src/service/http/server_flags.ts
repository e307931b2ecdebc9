/**
 * The server limits from the service's command line (`--max-connections`,
 * `--header-timeout-ms`, `--body-timeout-ms`, `--idle-timeout-ms`), over the
 * defaults.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./server_limits.ts";

const FLAGS = {
  "max-connections": "maxConnections",
  "header-timeout-ms": "headerTimeoutMs",
  "body-timeout-ms": "bodyTimeoutMs",
  "idle-timeout-ms": "idleTimeoutMs",
} as const;

/**
 * Limits from parsed flags; a value that is not a positive integer is a usage error.
 *
 * @example A shorter header timeout, the rest default
 * ```ts
 * import assert from "node:assert/strict";
 * import { serverLimitsFromFlags } from "./server_flags.ts";
 * const limits = serverLimitsFromFlags({ "header-timeout-ms": "500" });
 * assert.equal(limits.headerTimeoutMs, 500);
 * assert.equal(limits.maxConnections, 256);
 * assert.throws(() => serverLimitsFromFlags({ "max-connections": "0" }));
 * ```
 */
export function serverLimitsFromFlags(
  values: Partial<Record<keyof typeof FLAGS, string | undefined>>,
): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS };
  for (const [flag, key] of Object.entries(FLAGS) as [keyof typeof FLAGS, keyof ServerLimits][]) {
    const raw = values[flag];
    if (raw === undefined) continue;
    limits[key] = positiveIntegerFlag(flag, raw);
  }
  return limits;
}

/**
 * The value of `--flag` as a positive integer, or a usage error (exit 2).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { positiveIntegerFlag } from "./server_flags.ts";
 * assert.equal(positiveIntegerFlag("outbox-lease-ms", "2000"), 2000);
 * assert.throws(() => positiveIntegerFlag("outbox-lease-ms", "0"), /expected a positive integer/);
 * ```
 */
export function positiveIntegerFlag(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`--${flag}: expected a positive integer, got "${raw}"`);
  }
  return n;
}
