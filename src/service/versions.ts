/**
 * Semantic-version comparison for fixed-in decisions (never dates: a report
 * from an old install arriving late must not reopen a fixed case).
 *
 * @module
 */

/**
 * Compares two versions like `1.2.10`, `v1.3.0`, `1.3.0-rc.1` (semver
 * precedence: numeric parts, then a pre-release sorts before its release).
 * Returns a negative number, zero or a positive number.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareVersions } from "./versions.ts";
 * assert(compareVersions("1.2.10", "1.3.0") < 0);
 * assert(compareVersions("v1.3.0", "1.3.0") === 0);
 * assert(compareVersions("1.3.0-rc.1", "1.3.0") < 0);
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = split(a);
  const [coreB, preB] = split(b);
  for (let i = 0; i < Math.max(coreA.length, coreB.length); i++) {
    const d = (coreA[i] ?? 0) - (coreB[i] ?? 0);
    if (d !== 0) return d;
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  const partsA = preA.split(".");
  const partsB = preB.split(".");
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : undefined;
    const ny = /^\d+$/.test(y) ? Number(y) : undefined;
    if (nx !== undefined && ny !== undefined) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return nx !== undefined ? -1 : ny !== undefined ? 1 : x < y ? -1 : 1;
  }
  return 0;
}

function split(version: string): [number[], string | undefined] {
  const clean = version.trim().replace(/^v/i, "").split("+")[0];
  const dash = clean.indexOf("-");
  const core = dash === -1 ? clean : clean.slice(0, dash);
  const pre = dash === -1 ? undefined : clean.slice(dash + 1);
  return [core.split(".").map((p) => Number.parseInt(p, 10) || 0), pre];
}
