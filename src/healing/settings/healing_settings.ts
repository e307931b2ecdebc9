/**
 * The healing client's effective settings: the `[healing]` section of
 * `config.toml` with the environment laid over it, each value tagged with
 * where it came from (`env`, `file` or `default`) so `caro config` can say
 * why a setting has its value. Pure: config and env are passed in.
 *
 * @module
 */
import type { HealingConfig } from "../../config/load_config.ts";
import type { ConsentLevel } from "../../protocol/report/schema.ts";
import { isConsentLevel } from "../../protocol/report/consent_levels.ts";
import type { EnvReader } from "../../platform/env.ts";
import { DEFAULT_HEALING_ENDPOINT } from "./healing_env.ts";
import { parseContact } from "../contact/parse_contact.ts";
import { HEALING_ENDPOINT_RULE, healingEndpointProblem } from "../../config/healing_endpoint.ts";

/** The consent level offered when neither env nor config names one. */
export const DEFAULT_CONSENT_LEVEL: ConsentLevel = "standard";

/** Where a setting's value came from. */
export type SettingSource = "env" | "file" | "default";

/** One effective setting. */
export interface Setting<T> {
  value: T;
  source: SettingSource;
  /**
   * The variable or config key that set it, e.g. `CARO_HEALING_ENABLED`,
   * `healing.enabled`; the file's path when a config file caro could not read
   * turned sending off.
   */
  origin?: string;
}

/** Every effective healing setting. */
export interface HealingSettings {
  enabled: Setting<boolean>;
  consentLevel: Setting<ConsentLevel>;
  contact: Setting<string | undefined>;
  showNotifications: Setting<boolean>;
  endpoint: Setting<string>;
  remember: Setting<"always" | "never" | undefined>;
  consentVersion: Setting<number | undefined>;
}

/** The result of {@link healingSettings}: settings plus one line per unusable env value. */
export interface ResolvedHealingSettings {
  settings: HealingSettings;
  /** e.g. `CARO_HEALING_ENABLED: expected true or false, got "maybe" (ignored)`. */
  problems: string[];
}

/** The only env spellings that enable sending; `false` and `0` disable it without a warning. */
const TRUE_WORDS = new Set(["1", "true"]);
const FALSE_WORDS = new Set(["0", "false"]);

/**
 * Resolves the effective healing settings: env over `[healing]` over the
 * defaults. An env value caro cannot use is ignored and reported, never fatal,
 * except `CARO_HEALING_ENABLED`, which fails closed: only `true` or `1` (any
 * case) enables sending, `false`/`0` disable it, and any other value disables
 * it with one problem line. Unset or empty means the file's value or the default.
 *
 * @example An env var overrides the file
 * ```ts
 * import assert from "node:assert/strict";
 * import { healingSettings } from "./healing_settings.ts";
 * const { settings } = healingSettings({ enabled: true }, (name) =>
 *   name === "CARO_HEALING_ENABLED" ? "false" : undefined);
 * assert(settings.enabled.value === false && settings.enabled.source === "env");
 * assert(settings.endpoint.source === "default");
 * ```
 *
 * @example An opt-out spelled some other way still opts out
 * ```ts
 * import assert from "node:assert/strict";
 * import { healingSettings } from "./healing_settings.ts";
 * const { settings, problems } = healingSettings({}, (name) =>
 *   name === "CARO_HEALING_ENABLED" ? "nope" : undefined);
 * assert(settings.enabled.value === false && problems.length === 1);
 * ```
 */
export function healingSettings(config: HealingConfig, env: EnvReader): ResolvedHealingSettings {
  const problems: string[] = [];
  const fromEnv = <T>(name: string, parse: (raw: string) => T | undefined, expected: string) => {
    const raw = env(name);
    if (raw === undefined || raw === "") return undefined;
    const value = parse(raw);
    if (value === undefined) {
      problems.push(`${name}: expected ${expected}, got ${JSON.stringify(raw)} (ignored)`);
    }
    return value;
  };
  const pick = <T>(
    envName: string | undefined,
    envValue: T | undefined,
    key: keyof HealingConfig,
    fallback: T,
  ): Setting<T> => {
    if (envValue !== undefined) return { value: envValue, source: "env", origin: envName };
    const fileValue = config[key] as T | undefined;
    if (fileValue !== undefined) {
      return { value: fileValue, source: "file", origin: `healing.${key}` };
    }
    return { value: fallback, source: "default" };
  };
  // Fails closed: only an explicit true enables; any other value disables, with one line.
  const enabled = fromEnv("CARO_HEALING_ENABLED", (raw) => parseBoolean(raw) ?? false, "");
  const enabledRaw = env("CARO_HEALING_ENABLED");
  if (enabledRaw && parseBoolean(enabledRaw) === undefined) {
    problems.push(
      `CARO_HEALING_ENABLED: expected true or false, got ${
        JSON.stringify(enabledRaw)
      } (sending disabled)`,
    );
  }
  const level = fromEnv(
    "CARO_HEALING_CONSENT",
    (raw) => {
      const level = raw.toLowerCase();
      return isConsentLevel(level) ? level : undefined;
    },
    "minimal, standard or full",
  );
  const contact = fromEnv(
    "CARO_CONTACT_EMAIL",
    (raw) => parseContact(raw).ok ? raw.trim() : undefined,
    "an e-mail address, @x_handle or github:username",
  );
  const endpoint = fromEnv(
    "CARO_HEALING_ENDPOINT",
    parseHealingEndpoint,
    HEALING_ENDPOINT_RULE,
  );
  return {
    settings: {
      enabled: pick("CARO_HEALING_ENABLED", enabled, "enabled", true),
      consentLevel: pick("CARO_HEALING_CONSENT", level, "consent_level", DEFAULT_CONSENT_LEVEL),
      contact: pick<string | undefined>("CARO_CONTACT_EMAIL", contact, "contact", undefined),
      showNotifications: pick(undefined, undefined, "show_notifications", true),
      endpoint: pick("CARO_HEALING_ENDPOINT", endpoint, "endpoint", DEFAULT_HEALING_ENDPOINT),
      remember: pick<"always" | "never" | undefined>(undefined, undefined, "remember", undefined),
      consentVersion: pick<number | undefined>(undefined, undefined, "consent_version", undefined),
    },
    problems,
  };
}

function parseBoolean(raw: string): boolean | undefined {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

function parseHealingEndpoint(raw: string): string | undefined {
  const text = raw.trim().replace(/\/+$/, "");
  return healingEndpointProblem(text) === undefined ? text : undefined;
}
