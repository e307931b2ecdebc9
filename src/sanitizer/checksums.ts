/**
 * Checksums of published token formats. GitHub's tokens (`ghp_` …) end with
 * the CRC32 of their 30 random characters in 6 base62 digits; npm's new
 * tokens use the same scheme. The vendor pass redacts a well-formed token
 * whatever its checksum; a valid checksum only raises confidence, which is
 * what {@link tokenChecksumValid} reports.
 *
 * @module
 */

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
let crcTable: Uint32Array | undefined;

/**
 * CRC-32 (IEEE) of the UTF-8 bytes of `text`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crc32 } from "./checksums.ts";
 * assert(crc32("123456789") === 0xcbf43926);
 * ```
 */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * `value` in base62, left-padded with zeros to `width` digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { base62 } from "./checksums.ts";
 * assert(base62(61, 2) === "0z");
 * ```
 */
export function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

/**
 * Whether a GitHub- or npm-style token (`ghp_` + 30 random + 6 checksum)
 * carries a valid CRC32/base62 checksum.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { base62, crc32, tokenChecksumValid } from "./checksums.ts";
 * const random = "a".repeat(30);
 * assert(tokenChecksumValid(`ghp_${random}${base62(crc32(random), 6)}`));
 * ```
 */
export function tokenChecksumValid(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  return base62(crc32(random), 6) === body.slice(30);
}
