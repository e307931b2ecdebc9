/**
 * Consent is given to a set of fields, not to "whatever caro collects next
 * year": the consent version is a hash of the field set a level sends. When
 * a release adds a field, the version changes and a remembered Always is
 * asked again, showing only what is new.
 *
 * @module
 */
import { FIELDS_BY_LEVEL } from "../../protocol/report/consent_fields.ts";
import type { ConsentLevel } from "../../protocol/report/schema.ts";

/**
 * The consent version of `fields`: FNV-1a (32 bit) over the sorted field
 * paths. Order-independent, stable across runs and platforms.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fieldSetVersion } from "./consent_version.ts";
 * assert(fieldSetVersion(["a", "b"]) === fieldSetVersion(["b", "a"]));
 * assert(fieldSetVersion(["a"]) !== fieldSetVersion(["a", "b"]));
 * ```
 */
export function fieldSetVersion(fields: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const char of [...new Set(fields)].sort().join("\n")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The consent version of what `level` sends today.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { consentVersion } from "./consent_version.ts";
 * assert(consentVersion("minimal") !== consentVersion("full"));
 * ```
 */
export function consentVersion(level: ConsentLevel): number {
  return fieldSetVersion(FIELDS_BY_LEVEL[level]);
}

/**
 * The fields `level` sends today that are not in `consented` (all of them
 * when nothing is known about the earlier consent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fieldsNotConsented } from "./consent_version.ts";
 * const added = fieldsNotConsented("standard", ["platform.os"]);
 * assert(added.includes("shell.name") && !added.includes("platform.os"));
 * ```
 */
export function fieldsNotConsented(
  level: ConsentLevel,
  consented: readonly string[] | undefined,
): string[] {
  const known = new Set(consented ?? []);
  return FIELDS_BY_LEVEL[level].filter((field) => !known.has(field));
}
