/**
 * `deno task publish [--dry-run]`: publishes the library to JSR at the version
 * in src/version.ts, the version's one source (deno.json carries no copy).
 * Extra arguments go to `deno publish`.
 *
 * @module
 */
import { CARO_VERSION } from "../src/version.ts";

/**
 * The `deno publish` arguments for this version.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { publishArgs } from "./publish.ts";
 * assert.deepEqual(publishArgs("1.2.3", ["--dry-run"]), ["publish", "--set-version", "1.2.3", "--dry-run"]);
 * ```
 */
export function publishArgs(version: string, extra: readonly string[]): string[] {
  return ["publish", "--set-version", version, ...extra];
}

if (import.meta.main) {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: publishArgs(CARO_VERSION, Deno.args),
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  Deno.exitCode = code;
}
