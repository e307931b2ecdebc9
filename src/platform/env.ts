/**
 * Environment access that never prompts and never throws: a variable caro was
 * not granted reads as absent, so optional data degrades to "not collected".
 *
 * @module
 */

/** Reads one environment variable; `undefined` when unset. */
export type EnvReader = (name: string) => string | undefined;

/**
 * The process environment, filtered through Deno's permissions: a variable
 * without an `--allow-env` grant reads as `undefined` instead of throwing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { processEnv } from "./env.ts";
 * const shell = processEnv("SHELL"); // undefined when not granted
 * assert(shell === undefined || typeof shell === "string");
 * ```
 */
export const processEnv: EnvReader = (name) => {
  if (Deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") {
    return undefined;
  }
  return Deno.env.get(name);
};

/**
 * Whether a variable is granted, so callers can say "not collected: needs
 * --allow-env=NAME" instead of pretending it is unset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { envGranted } from "./env.ts";
 * assert(typeof envGranted("HOME") === "boolean");
 * ```
 */
export function envGranted(name: string): boolean {
  return Deno.permissions.querySync({ name: "env", variable: name }).state === "granted";
}

/**
 * An {@link EnvReader} over a fixed record, for tests and library callers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { envFrom } from "./env.ts";
 * assert(envFrom({ NO_COLOR: "1" })("NO_COLOR") === "1");
 * ```
 */
export function envFrom(values: Record<string, string | undefined>): EnvReader {
  return (name) => values[name];
}
