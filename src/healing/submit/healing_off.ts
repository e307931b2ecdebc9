/**
 * Whether healing is switched off for this run, before anything else is
 * considered: `--no-healing`, `DO_NOT_TRACK` (https://consoledonottrack.com)
 * or `enabled = false` (`CARO_HEALING_ENABLED` over `[healing] enabled`).
 * When off, nothing is sent, flushed, queued or fetched, and no notice box
 * is shown.
 *
 * @module
 */
import type { EnvReader } from "../../platform/env.ts";
import type { RefuseReason } from "../consent/decide_consent.ts";

/**
 * Whether `DO_NOT_TRACK` asks for no tracking: set to anything but `""`, `0` or `false`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { doNotTrack } from "./healing_off.ts";
 * assert(doNotTrack((n) => n === "DO_NOT_TRACK" ? "1" : undefined));
 * assert(!doNotTrack((n) => n === "DO_NOT_TRACK" ? "0" : undefined));
 * ```
 */
export function doNotTrack(env: EnvReader): boolean {
  const value = env("DO_NOT_TRACK")?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * Why healing is off for this run, or `undefined` when it is on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { healingOffReason } from "./healing_off.ts";
 * assert(healingOffReason({ healingFlag: false, env: () => undefined, enabled: true }) === "no-healing");
 * assert(healingOffReason({ healingFlag: true, env: () => undefined, enabled: true }) === undefined);
 * ```
 */
export function healingOffReason(
  inputs: { healingFlag: boolean; env: EnvReader; enabled: boolean },
): Extract<RefuseReason, "no-healing" | "do-not-track" | "disabled"> | undefined {
  if (!inputs.healingFlag) return "no-healing";
  if (doNotTrack(inputs.env)) return "do-not-track";
  if (!inputs.enabled) return "disabled";
  return undefined;
}
