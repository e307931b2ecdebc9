/**
 * caro's own version, shown by `caro --version` and put in every report. This
 * is its one source: `deno task publish` hands it to `deno publish
 * --set-version`, so deno.json carries no copy.
 *
 * @module
 */

/**
 * The running caro's version (semver).
 *
 * @example The version is semver
 * ```ts
 * import assert from "node:assert/strict";
 * import { CARO_VERSION } from "./version.ts";
 * assert.match(CARO_VERSION, /^\d+\.\d+\.\d+/);
 * ```
 */
export const CARO_VERSION = "0.1.0";
