/**
 * Which healing endpoints caro sends reports to: `https://` anywhere, and
 * plain `http://` only to this machine (a service run locally, tests). A
 * report carries the consented fields and maybe a contact, and is signed; over
 * plain HTTP to another host anyone on the path could read it.
 *
 * @module
 */

/** What a healing endpoint must be, as messages say it. */
export const HEALING_ENDPOINT_RULE =
  "an https:// URL (http:// only to this machine: localhost, 127.x.x.x, [::1])";

/**
 * What is wrong with `url` as the healing endpoint, or `undefined` when it is
 * usable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { healingEndpointProblem } from "./healing_endpoint.ts";
 * assert.equal(healingEndpointProblem("https://heal.example.org"), undefined);
 * assert.equal(healingEndpointProblem("http://127.0.0.1:8787"), undefined);
 * assert.equal(healingEndpointProblem("http://[::1]:8787"), undefined);
 * assert.match(healingEndpointProblem("http://heal.example.org") ?? "", /https:\/\//);
 * assert.match(healingEndpointProblem("ftp://x") ?? "", /https:\/\//);
 * ```
 */
export function healingEndpointProblem(url: string): string | undefined {
  const expected = `expected ${HEALING_ENDPOINT_RULE}`;
  if (!/^https?:\/\/[^\s/]+/i.test(url) || !URL.canParse(url)) return expected;
  const { protocol, hostname } = new URL(url);
  if (protocol === "https:") return undefined;
  return isLoopback(hostname) ? undefined : expected;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
