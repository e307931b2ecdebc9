/**
 * A host as it is written before `:port` in a URL, a `--allow-net` grant or
 * a message: an IPv6 literal in brackets (`[::1]`), any other host as is.
 * Deno refuses `--allow-net=::1` (`invalid empty host`) and `http://::1:80`
 * is no URL.
 *
 * @module
 */

/**
 * `host` ready to be followed by `:port`.
 *
 * @example IPv6 literals get brackets, names and IPv4 addresses do not
 * ```ts
 * import assert from "node:assert/strict";
 * import { urlHost } from "./url_host.ts";
 * assert.equal(urlHost("::1"), "[::1]");
 * assert.equal(urlHost("::"), "[::]");
 * assert.equal(urlHost("[::1]"), "[::1]");
 * assert.equal(urlHost("127.0.0.1"), "127.0.0.1");
 * assert.equal(urlHost("smtp.example.org"), "smtp.example.org");
 * ```
 */
export function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
