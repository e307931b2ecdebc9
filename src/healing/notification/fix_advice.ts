/**
 * What a "fixed in X" notice tells this install to do, from the version it
 * runs: the fix is already here (run the request again) or it is not yet
 * (upgrade to X). The service cannot know which caro reads its notice, so
 * the advice is the client's.
 *
 * @module
 */
import { CARO_VERSION } from "../../version.ts";

/**
 * The advice for a case fixed in `fixedIn`, read by caro `installed`.
 *
 * @example Already fixed here, and not yet
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixAdvice } from "./fix_advice.ts";
 * assert.equal(
 *   fixAdvice("1.4.2", "1.4.2"),
 *   "fixed in 1.4.2, which you have: run your request again; if it still fails, `caro report` reopens the case",
 * );
 * assert.equal(fixAdvice("1.4.2", "1.3.9"), "fixed in 1.4.2: upgrade to 1.4.2 (you have 1.3.9)");
 * assert.equal(fixAdvice("1.10.0", "1.9.0"), "fixed in 1.10.0: upgrade to 1.10.0 (you have 1.9.0)");
 * ```
 */
export function fixAdvice(fixedIn: string, installed: string = CARO_VERSION): string {
  return compareVersions(installed, fixedIn) >= 0
    ? `fixed in ${fixedIn}, which you have: run your request again; ` +
      "if it still fails, `caro report` reopens the case"
    : `fixed in ${fixedIn}: upgrade to ${fixedIn} (you have ${installed})`;
}

/** Semver order of the numeric parts; a pre-release (`1.4.2-rc.1`) comes before its release. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.replace(/^v/, "").split("-", 2);
    return { parts: core.split(".").map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const diff = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (x.pre === y.pre) return 0;
  return x.pre === undefined ? 1 : y.pre === undefined ? -1 : x.pre < y.pre ? -1 : 1;
}
