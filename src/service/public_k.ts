/**
 * The k-anonymity threshold of the public answers (case pages, issues,
 * `GET /v1/known/{key}`): a request shape or platform count is shown, and a
 * key known, only once at least k distinct installs reported it. Default 5;
 * `CARO_PUBLIC_K` overrides it with a positive integer, and anything else
 * stops the service at start-up (0 or a negative k would make every case
 * public).
 *
 * @module
 */
import type { EnvReader } from "../platform/env.ts";
import { DEFAULT_K } from "./cases/public_case.ts";
import { positiveIntegerEnv } from "./positive_integer_env.ts";

/**
 * k from `CARO_PUBLIC_K` (default 5). A value that is not a positive integer
 * is a one-line error with exit code 2, like a bad flag.
 *
 * @example Default, override, refusal
 * ```ts
 * import assert from "node:assert/strict";
 * import { envFrom } from "../platform/env.ts";
 * import { publicKFromEnv } from "./public_k.ts";
 * assert.equal(publicKFromEnv(envFrom({})), 5);
 * assert.equal(publicKFromEnv(envFrom({ CARO_PUBLIC_K: "3" })), 3);
 * assert.throws(
 *   () => publicKFromEnv(envFrom({ CARO_PUBLIC_K: "-1" })),
 *   { message: 'CARO_PUBLIC_K: expected a positive integer, got "-1"', exitCode: 2 },
 * );
 * ```
 */
export function publicKFromEnv(env: EnvReader): number {
  return positiveIntegerEnv(env, "CARO_PUBLIC_K") ?? DEFAULT_K;
}
