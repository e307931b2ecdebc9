/**
 * The healing client's environment variables and default endpoint: plain
 * constants, kept apart from the settings logic (which needs the report
 * schemas) so that the permission lists can name them without loading zod.
 *
 * @module
 */

/** Environment variables the healing client reads (the `--allow-env` list). */
export const HEALING_ENV_VARS = [
  "CARO_HEALING_ENABLED",
  "CARO_HEALING_CONSENT",
  "CARO_CONTACT_EMAIL",
  "CARO_HEALING_ENDPOINT",
] as const;

/** Where the healing service lives unless configured otherwise. */
export const DEFAULT_HEALING_ENDPOINT = "https://heal.caro.example";
