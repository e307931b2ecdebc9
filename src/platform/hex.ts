/**
 * Lower-case hex: how caro prints digests and short keyed hashes.
 *
 * @module
 */

/**
 * The bytes as lower-case hex, two digits each.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toHex } from "./hex.ts";
 * assert.equal(toHex(new Uint8Array([0, 15, 255])), "000fff");
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The SHA-256 of `bytes` as 64 lower-case hex digits.
 *
 * @example The empty input's digest
 * ```ts
 * import assert from "node:assert/strict";
 * import { sha256Hex } from "./hex.ts";
 * assert.equal(
 *   await sha256Hex(new Uint8Array()),
 *   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
 * );
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource)));
}
