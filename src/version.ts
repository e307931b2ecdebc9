/**
 * caro's own version, shown by `caro --version` and put in every report. Its
 * one source is the `version` of deno.json, which JSR publishes.
 *
 * @module
 */
import config from "../deno.json" with { type: "json" };

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
export const CARO_VERSION: string = config.version;
