/**
 * The source of a request as a quota bucket: the address prefix (/24 for
 * IPv4, /48 for IPv6) hashed with a service secret, so raw addresses are
 * never stored. Without an address (tests calling the handler directly) the
 * bucket is `unknown`.
 *
 * @module
 */

/**
 * The address prefix of an IP address.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addressPrefix } from "./source_prefix.ts";
 * assert(addressPrefix("203.0.113.77") === "203.0.113.0/24");
 * assert(addressPrefix("2001:db8:1:2::5") === "2001:db8:1::/48");
 * ```
 */
export function addressPrefix(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const [head] = address.split("::");
  const groups = head.split(":").filter(Boolean).slice(0, 3);
  return `${groups.join(":")}::/48`;
}

/**
 * Hashes an address prefix with `secret` (HMAC-SHA256, 16 hex digits).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hashedSourcePrefix } from "./source_prefix.ts";
 * const key = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
 * const a = await hashedSourcePrefix("198.51.100.1", key);
 * assert(a === await hashedSourcePrefix("198.51.100.200", key) && a.length === 16);
 * ```
 */
export async function hashedSourcePrefix(
  address: string | undefined,
  secret: CryptoKey,
): Promise<string> {
  if (!address) return "unknown";
  const mac = await crypto.subtle.sign(
    "HMAC",
    secret,
    new TextEncoder().encode(addressPrefix(address)),
  );
  return Array.from(new Uint8Array(mac).slice(0, 8), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}
