/**
 * One bounded GET of a JSON document from a local LLM backend.
 *
 * @module
 */
import { NotCollected } from "./collected.ts";
import type { TcpReach } from "./probe_deps.ts";

/** Why an endpoint could not be used, in words fit for the doctor's output. */
export class Unreachable extends NotCollected {
  constructor(why: string) {
    super(why);
    this.name = "Unreachable";
  }
}

/**
 * GETs `base + path` and parses JSON. Whether anything listens is checked
 * first with a bare TCP connect (`reach`): most machines run no backend, and
 * a refused connect is far cheaper than fetch's first request. A refused
 * connection or a non-2xx status becomes {@link Unreachable}; a denied
 * permission and an abort pass through untouched (the probe runner words them).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getJson, Unreachable } from "./http_json.ts";
 * import { denoReach } from "./probe_deps.ts";
 * const error = await getJson(fetch, denoReach, "http://127.0.0.1:9", "/", AbortSignal.timeout(500))
 *   .catch((e) => e);
 * assert(error instanceof Unreachable);
 * ```
 */
export async function getJson(
  fetchFn: typeof fetch,
  reach: TcpReach,
  base: string,
  path: string,
  signal: AbortSignal,
): Promise<unknown> {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new NotCollected("the configured address is not a URL");
  }
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  try {
    await reach(url.hostname.replace(/^\[(.*)\]$/, "$1"), port, signal);
  } catch (error) {
    if (signal.aborted || error instanceof Deno.errors.NotCapable) throw error;
    throw new Unreachable("not reachable (connection failed)");
  }
  let response: Response;
  try {
    response = await fetchFn(`${base}${path}`, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal.aborted || error instanceof Deno.errors.NotCapable) throw error;
    throw new Unreachable("not reachable (connection failed)");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Unreachable(`not usable (HTTP ${response.status} on ${path})`);
  }
  try {
    return await response.json();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Unreachable(`not usable (${path} did not answer JSON)`);
  }
}
