/**
 * One bounded GET of a JSON document from a local LLM backend.
 *
 * @module
 */
import { NotCollected } from "./collected.ts";

/** Why an endpoint could not be used, in words fit for the doctor's output. */
export class Unreachable extends NotCollected {
  constructor(why: string) {
    super(why);
    this.name = "Unreachable";
  }
}

/**
 * GETs `base + path` and parses JSON. A refused connection or a non-2xx
 * status becomes {@link Unreachable}; a denied permission and an abort pass
 * through untouched (the probe runner words them).
 *
 * @example
 * ```ts
 * import { getJson, Unreachable } from "./http_json.ts";
 * const error = await getJson(fetch, "http://127.0.0.1:9", "/", AbortSignal.timeout(500))
 *   .catch((e) => e);
 * console.assert(error instanceof Unreachable || error instanceof Error);
 * ```
 */
export async function getJson(
  fetchFn: typeof fetch,
  base: string,
  path: string,
  signal: AbortSignal,
): Promise<unknown> {
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
