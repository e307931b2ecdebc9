/**
 * The consent levels as plain values, for code that only needs to name or
 * recognise them (settings, the command line, the service's first check)
 * without loading the report schemas and zod.
 *
 * @module
 */

/** How much the user agreed to share, least first. Minimal ⊂ Standard ⊂ Full. */
export const CONSENT_LEVELS = ["minimal", "standard", "full"] as const;

/** One of {@link CONSENT_LEVELS}. */
export type ConsentLevelName = typeof CONSENT_LEVELS[number];

/**
 * Whether `value` names a consent level (exactly, lower case).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isConsentLevel } from "./consent_levels.ts";
 * assert(isConsentLevel("standard") && !isConsentLevel("Standard"));
 * ```
 */
export function isConsentLevel(value: unknown): value is ConsentLevelName {
  return (CONSENT_LEVELS as readonly unknown[]).includes(value);
}
