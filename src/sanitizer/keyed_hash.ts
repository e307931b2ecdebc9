/**
 * Keyed hashing for values caro wants to correlate but never reveal (the
 * working directory, the install path): HMAC-SHA-256 with a random key that
 * is created once per install, stored with mode 0600 and never sent. The same
 * path gives the same hash on this machine and an unrelated one elsewhere, so
 * the hash cannot be reversed with a dictionary of common paths.
 *
 * @module
 */
import { join } from "../platform/path.ts";
import { CaroError } from "../errors.ts";
import { toHex } from "../platform/hex.ts";
import { readOrCreateSecretFile } from "../platform/secret_file.ts";

/** File name of the hashing key inside caro's data dir. */
export const HASH_KEY_FILE = "hash.key";
const KEY_BYTES = 32;

/**
 * Loads the install's hashing key from `dataDir`, creating it (mode 0600) on
 * first use. A key file of the wrong size or with group/other permissions is
 * refused rather than trusted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyedHash, loadOrCreateHashKey } from "./keyed_hash.ts";
 * const dir = await Deno.makeTempDir();
 * const key = await loadOrCreateHashKey(dir);
 * assert((await keyedHash(key, "/home/ada/project")).length === 16);
 * ```
 */
export async function loadOrCreateHashKey(dataDir: string): Promise<CryptoKey> {
  const path = join(dataDir, HASH_KEY_FILE);
  const bytes = await readOrCreateSecretFile(
    path,
    "hashing key",
    () => crypto.getRandomValues(new Uint8Array(KEY_BYTES)),
  );
  if (bytes.length !== KEY_BYTES) {
    throw new CaroError(`Refusing hashing key "${path}": expected ${KEY_BYTES} bytes`);
  }
  return importHashKey(bytes);
}

/**
 * Imports raw key bytes as an HMAC-SHA-256 key (for tests and library use).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { importHashKey } from "./keyed_hash.ts";
 * const key = await importHashKey(new Uint8Array(32));
 * assert(key.algorithm.name === "HMAC");
 * ```
 */
export function importHashKey(bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    bytes as BufferSource,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
}

/**
 * Hashes `value` with the install key: 16 hex characters (64 bits), enough
 * to correlate reports from one install, useless for recovering the value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { importHashKey, keyedHash } from "./keyed_hash.ts";
 * const key = await importHashKey(new Uint8Array(32));
 * assert(await keyedHash(key, "/tmp") === await keyedHash(key, "/tmp"));
 * ```
 */
export async function keyedHash(key: CryptoKey, value: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(value));
  return toHex(new Uint8Array(mac).subarray(0, 8));
}
