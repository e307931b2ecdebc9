/**
 * SMTP settings from the service's environment (unset `CARO_SMTP_HOST`:
 * e-mail off): `CARO_SMTP_HOST`, `CARO_SMTP_PORT` (587), `CARO_SMTP_SECURE`
 * (`1` for implicit TLS), `CARO_SMTP_USER`, `CARO_SMTP_PASSWORD`,
 * `CARO_SMTP_FROM`, `CARO_SMTP_NAME` (EHLO host; default: the public URL's host).
 *
 * @module
 */
import type { EnvReader } from "../../platform/env.ts";
import { CaroError } from "../../errors.ts";
import type { SmtpSettings } from "./smtp_notifier.ts";

/**
 * Reads the settings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { smtpSettings } from "./smtp_settings.ts";
 * const env = (n: string) => ({ CARO_SMTP_HOST: "mail.example", CARO_SMTP_FROM: "h@caro.example" } as Record<string, string>)[n];
 * assert(smtpSettings(env, "https://caro.example")?.name === "caro.example");
 * ```
 */
export function smtpSettings(env: EnvReader, publicUrl: string): SmtpSettings | undefined {
  const host = env("CARO_SMTP_HOST");
  if (!host) return undefined;
  const port = Number(env("CARO_SMTP_PORT") ?? 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CaroError("Cannot use CARO_SMTP_PORT: expected a port number");
  }
  const from = env("CARO_SMTP_FROM");
  if (!from) throw new CaroError("Cannot send e-mail: CARO_SMTP_FROM is not set");
  return {
    host,
    port,
    secure: env("CARO_SMTP_SECURE") === "1",
    user: env("CARO_SMTP_USER"),
    password: env("CARO_SMTP_PASSWORD"),
    from,
    name: env("CARO_SMTP_NAME") ?? new URL(publicUrl).hostname,
  };
}
