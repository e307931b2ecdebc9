/**
 * When an install key counts as established: the service first saw it at
 * least a day before. Anyone can mint keys, so young keys get lower quotas,
 * do not get a case filed on GitHub on their own, and are no evidence of a
 * regression.
 *
 * @module
 */

/** How long after its first sighting an install key is established. */
export const ESTABLISHED_AFTER_MS = 86_400_000;

/**
 * Whether an install first seen at `firstSeen` is established at `at`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isEstablished } from "./install_age.ts";
 * assert.equal(isEstablished(0, 86_400_000), true);
 * assert.equal(isEstablished(0, 86_399_999), false);
 * ```
 */
export function isEstablished(firstSeen: number, at: number): boolean {
  return at - firstSeen >= ESTABLISHED_AFTER_MS;
}
