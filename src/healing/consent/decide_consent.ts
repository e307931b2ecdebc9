/**
 * THE consent decision table of the healing client, as one pure function.
 * Rows are checked top to bottom; the first that matches decides.
 *
 * | # | Condition                                              | Decision                      | Queue |
 * |---|--------------------------------------------------------|-------------------------------|-------|
 * | 1 | `--no-healing`                                         | refuse `no-healing`           | no    |
 * | 2 | `DO_NOT_TRACK=1` (or `true`)                           | refuse `do-not-track`         | no    |
 * | 3 | `CARO_HEALING_ENABLED=false` or `[healing] enabled = false` | refuse `disabled`        | no    |
 * | 4 | `--healing-consent LEVEL`                              | send at LEVEL                 | yes   |
 * | 5 | remembered Never (`remember = "never"`)                | refuse `remembered-never`     | no    |
 * | 6 | remembered Always, same consent version                | send at the configured level  | yes   |
 * | 7 | remembered Always, fields changed, TTY and no CI       | prompt, showing only new fields | after Y/A |
 * | 8 | remembered Always, fields changed, no TTY or CI        | refuse `consent-outdated`     | no    |
 * | 9 | `CI` set                                               | refuse `ci`                   | no    |
 * |10 | stdin or stderr not a terminal                         | refuse `no-tty`               | no    |
 * |11 | otherwise                                              | prompt at the configured level | after Y/A |
 *
 * The configured level is `CARO_HEALING_CONSENT`, else `[healing]
 * consent_level`, else `standard`. Neither of those is consent by itself:
 * only `--healing-consent` or a remembered Always lets caro send without
 * asking. Nothing refused is ever queued.
 *
 * @module
 */
import type { ConsentLevel } from "../../protocol/report/schema.ts";
import { consentVersion, fieldsNotConsented } from "./consent_version.ts";

/** Everything the decision depends on, already read from flags, env and config. */
export interface ConsentInputs {
  /** `false` with `--no-healing`. */
  healingFlag: boolean;
  /** `--healing-consent LEVEL`. */
  consentFlag?: ConsentLevel;
  /** `DO_NOT_TRACK` is set to `1`/`true`. */
  doNotTrack: boolean;
  /** The effective `enabled` setting (env `CARO_HEALING_ENABLED` over config). */
  enabled: boolean;
  /** The effective level (env `CARO_HEALING_CONSENT` over config over `standard`). */
  configuredLevel: ConsentLevel;
  /** `CI` is set to anything but `""`, `0` or `false`. */
  ci: boolean;
  /** Both stdin and stderr are terminals. */
  interactive: boolean;
  /** `[healing] remember`. */
  remember?: "always" | "never";
  /** `[healing] consent_version`: the version a remembered Always was given to. */
  rememberedVersion?: number;
  /** The fields the remembered Always was given to, when caro recorded them. */
  rememberedFields?: readonly string[];
}

/** Why nothing is sent. */
export type RefuseReason =
  | "no-healing"
  | "do-not-track"
  | "disabled"
  | "remembered-never"
  | "consent-outdated"
  | "ci"
  | "no-tty";

/** What to do about one report. `queueAllowed`: may it be queued if sending fails? */
export type ConsentDecision =
  | { kind: "refuse"; reason: RefuseReason; row: number; queueAllowed: false }
  | {
    kind: "send";
    level: ConsentLevel;
    source: "flag" | "remembered";
    row: number;
    queueAllowed: true;
  }
  | {
    kind: "prompt";
    level: ConsentLevel;
    /** Only for a re-ask: the fields the remembered Always did not cover. */
    newFields?: string[];
    row: number;
    /** Queueing is allowed once the user answers Yes or Always. */
    queueAllowed: false;
  };

/**
 * Decides whether to prompt, send or refuse, per the table in this module.
 *
 * @example No terminal and no earlier consent: nothing is sent
 * ```ts
 * import assert from "node:assert/strict";
 * import { decideConsent } from "./decide_consent.ts";
 * const decision = decideConsent({
 *   healingFlag: true, doNotTrack: false, enabled: true, configuredLevel: "standard",
 *   ci: false, interactive: false,
 * });
 * assert(decision.kind === "refuse" && decision.reason === "no-tty");
 * ```
 */
export function decideConsent(inputs: ConsentInputs): ConsentDecision {
  const refuse = (reason: RefuseReason, row: number): ConsentDecision => ({
    kind: "refuse",
    reason,
    row,
    queueAllowed: false,
  });
  if (!inputs.healingFlag) return refuse("no-healing", 1);
  if (inputs.doNotTrack) return refuse("do-not-track", 2);
  if (!inputs.enabled) return refuse("disabled", 3);
  if (inputs.consentFlag) {
    return { kind: "send", level: inputs.consentFlag, source: "flag", row: 4, queueAllowed: true };
  }
  if (inputs.remember === "never") return refuse("remembered-never", 5);
  const level = inputs.configuredLevel;
  const canAsk = inputs.interactive && !inputs.ci;
  if (inputs.remember === "always") {
    if (inputs.rememberedVersion === consentVersion(level)) {
      return { kind: "send", level, source: "remembered", row: 6, queueAllowed: true };
    }
    if (!canAsk) return refuse("consent-outdated", 8);
    const newFields = fieldsNotConsented(level, inputs.rememberedFields);
    return { kind: "prompt", level, newFields, row: 7, queueAllowed: false };
  }
  if (inputs.ci) return refuse("ci", 9);
  if (!inputs.interactive) return refuse("no-tty", 10);
  return { kind: "prompt", level, row: 11, queueAllowed: false };
}

/**
 * One line for the user on why nothing was sent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeRefusal } from "./decide_consent.ts";
 * assert(describeRefusal("do-not-track").includes("DO_NOT_TRACK"));
 * ```
 */
export function describeRefusal(reason: RefuseReason): string {
  switch (reason) {
    case "no-healing":
      return "not sent: --no-healing";
    case "do-not-track":
      return "not sent: DO_NOT_TRACK is set";
    case "disabled":
      return "not sent: healing is disabled (CARO_HEALING_ENABLED / [healing] enabled)";
    case "remembered-never":
      return 'not sent: you chose "never" (caro config unset healing.remember to be asked again)';
    case "consent-outdated":
      return "not sent: caro now collects new fields; run caro report in a terminal to review them";
    case "ci":
      return "not sent: CI is set and no consent was given (--healing-consent LEVEL)";
    case "no-tty":
      return "not sent: no terminal to ask for consent (--healing-consent LEVEL)";
  }
}
