/**
 * Parses an HTTP/1.x request head (request line and header fields, without
 * the blank line) strictly: anything malformed is refused, never guessed.
 *
 * @module
 */

/** A parsed request head. */
export interface RequestHead {
  method: string;
  /** The origin-form target (`/path?query`). */
  target: string;
  /** `1.0` or `1.1`. */
  version: "1.0" | "1.1";
  headers: [string, string][];
}

const latin1 = new TextDecoder("latin1");
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TARGET = /^\/[\x21-\x7e]*$/;

/**
 * The head, or `undefined` when it is not a well-formed HTTP/1.0 or 1.1
 * request in origin form.
 *
 * @example A request line and one header
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRequestHead } from "./request_head.ts";
 * const head = parseRequestHead(new TextEncoder().encode("GET /healthz HTTP/1.1\r\nHost: x"));
 * assert.deepEqual(head, { method: "GET", target: "/healthz", version: "1.1", headers: [["host", "x"]] });
 * assert.equal(parseRequestHead(new TextEncoder().encode("GET healthz HTTP/1.1")), undefined);
 * ```
 */
export function parseRequestHead(bytes: Uint8Array): RequestHead | undefined {
  const lines = latin1.decode(bytes).split("\r\n");
  const parts = lines[0].split(" ");
  if (parts.length !== 3 || !TOKEN.test(parts[0]) || !TARGET.test(parts[1])) return undefined;
  const version = parts[2] === "HTTP/1.1" ? "1.1" : parts[2] === "HTTP/1.0" ? "1.0" : undefined;
  if (!version) return undefined;
  const headers: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    const value = line.slice(colon + 1).trim();
    // deno-lint-ignore no-control-regex
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return undefined;
    headers.push([name.toLowerCase(), value]);
  }
  return { method: parts[0], target: parts[1], version, headers };
}
