/**
 * Remembers an Always or Never answer: `remember` and `consent_version` go
 * into `[healing]` of the config file, and for Always the exact field list
 * agreed to goes into `consent.json` in the data dir, so a later re-ask can
 * show only what is new.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { updateConfigKeys } from "../../config/write_config.ts";
import { FIELDS_BY_LEVEL } from "../../protocol/report/consent_fields.ts";
import type { ConsentLevel } from "../../protocol/report/schema.ts";
import { consentVersion } from "./consent_version.ts";

/** File in the data dir recording what a remembered Always covers. */
export const CONSENT_RECORD_FILE = "consent.json";

/**
 * Writes a remembered answer. Never removes the field record: Never clears
 * `consent_version` and the next Always overwrites the record.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConsentedFields, rememberConsent } from "./remember_consent.ts";
 * const dir = await Deno.makeTempDir();
 * await rememberConsent({ configPath: `${dir}/config.toml`, dataDir: dir, answer: "always", level: "minimal" });
 * assert((await readConsentedFields(dir))?.includes("platform.os"));
 * ```
 */
export async function rememberConsent(options: {
  configPath: string;
  dataDir: string;
  answer: "always" | "never";
  level: ConsentLevel;
}): Promise<void> {
  if (options.answer === "always") {
    const record = {
      level: options.level,
      version: consentVersion(options.level),
      fields: FIELDS_BY_LEVEL[options.level],
    };
    await writeFileAtomic(
      join(options.dataDir, CONSENT_RECORD_FILE),
      new TextEncoder().encode(JSON.stringify(record, null, 2) + "\n"),
    );
  }
  await updateConfigKeys(options.configPath, "healing", {
    remember: options.answer,
    consent_version: options.answer === "always" ? consentVersion(options.level) : undefined,
  });
}

/**
 * The fields a remembered Always covers, or `undefined` when unknown (no
 * record, or one caro cannot read: then every field counts as new).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConsentedFields } from "./remember_consent.ts";
 * assert(await readConsentedFields(await Deno.makeTempDir()) === undefined);
 * ```
 */
export async function readConsentedFields(dataDir: string): Promise<string[] | undefined> {
  try {
    const record = JSON.parse(await Deno.readTextFile(join(dataDir, CONSENT_RECORD_FILE)));
    const fields = record?.fields;
    return Array.isArray(fields) && fields.every((f) => typeof f === "string") ? fields : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
