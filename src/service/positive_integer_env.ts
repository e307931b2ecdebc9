/**
 * The service's numeric settings from the environment (`CARO_LIMIT_*`,
 * `CARO_PUBLIC_K`): a positive integer, or the service does not start.
 *
 * @module
 */
import { CaroError } from "../errors.ts";
import type { EnvReader } from "../platform/env.ts";

/**
 * The positive integer in `name`, `undefined` when it is unset; anything else
 * is a one-line error with exit code 2 (a setting to fix, like a bad flag).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { envFrom } from "../platform/env.ts";
 * import { positiveIntegerEnv } from "./positive_integer_env.ts";
 * assert.equal(positiveIntegerEnv(envFrom({ CARO_PUBLIC_K: "3" }), "CARO_PUBLIC_K"), 3);
 * assert.equal(positiveIntegerEnv(envFrom({}), "CARO_PUBLIC_K"), undefined);
 * assert.throws(
 *   () => positiveIntegerEnv(envFrom({ CARO_PUBLIC_K: "-1" }), "CARO_PUBLIC_K"),
 *   { message: 'CARO_PUBLIC_K: expected a positive integer, got "-1"', exitCode: 2 },
 * );
 * ```
 */
export function positiveIntegerEnv(env: EnvReader, name: string): number | undefined {
  const text = env(name);
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(text.trim())) {
    throw new CaroError(`${name}: expected a positive integer, got "${text.slice(0, 20)}"`, {
      exitCode: 2,
    });
  }
  return Number(text);
}
