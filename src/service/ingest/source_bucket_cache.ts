/**
 * Remembers the hashed source bucket of recent addresses, so the HMAC runs
 * once per address rather than once per request. Bounded: emptied when full.
 * Lives in memory only (raw addresses never reach the store).
 *
 * @module
 */
import { hashedSourcePrefix } from "./source_prefix.ts";

/**
 * A cached `hashedSourcePrefix` for one secret.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sourceBucketCache } from "./source_bucket_cache.ts";
 * const key = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
 * const bucket = sourceBucketCache(key);
 * assert((await bucket("192.0.2.1")) === (await bucket("192.0.2.9")));
 * ```
 */
export function sourceBucketCache(
  secret: CryptoKey,
  maxEntries = 10_000,
): (address: string | undefined) => Promise<string> {
  const cache = new Map<string, string>();
  return async (address) => {
    if (!address) return "unknown";
    const hit = cache.get(address);
    if (hit) return hit;
    const bucket = await hashedSourcePrefix(address, secret);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(address, bucket);
    return bucket;
  };
}
