/**
 * Context probe: the working directory as a keyed hash (to correlate reports
 * from one project without revealing it) and whether a proxy is in use:
 * yes or no and its scheme, never the URL (it may carry credentials).
 *
 * @module
 */
import { type Collected, type Hasher, NotCollected, runProbe } from "./collected.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** Proxy variables, in the precedence HTTP clients give them. */
export const PROXY_ENV_VARS = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "ALL_PROXY",
  "all_proxy",
] as const;
/** Proxy exclusion variables. */
export const NO_PROXY_ENV_VARS = ["NO_PROXY", "no_proxy"] as const;

/** Proxy use, without the proxy's address. */
export interface ProxyFacts {
  inUse: boolean;
  /** `http`, `https`, `socks5`…; absent when no proxy is set. */
  scheme?: string;
  /** Whether NO_PROXY exempts localhost / 127.0.0.1 (local backends bypass the proxy). */
  bypassesLoopback: boolean;
}

/** Everything the context probe found. */
export interface ContextFacts {
  cwdHash: Collected<string>;
  proxy: Collected<ProxyFacts>;
}

/**
 * Collects the context facts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeContext } from "./context_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const env: Record<string, string> = { HTTPS_PROXY: "http://ada:pw@proxy.corp:3128" };
 * const deps = { ...processProbeDeps(), env: (n: string) => env[n], envAllowed: () => true };
 * const facts = await probeContext(deps, { collected: false, why: "no key" }, 100);
 * assert(facts.proxy.collected && facts.proxy.value.scheme === "http");
 * ```
 */
export async function probeContext(
  deps: ProbeDeps,
  hash: Collected<Hasher>,
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<ContextFacts> {
  const [cwdHash, proxy] = await Promise.all([
    hash.collected ? runProbe(() => hash.value(deps.build.cwd()), timeoutMs, budget) : hash,
    runProbe(() => Promise.resolve(proxyFacts(deps)), timeoutMs, budget),
  ]);
  return { cwdHash, proxy };
}

function proxyFacts(deps: ProbeDeps): ProxyFacts {
  const denied = [...PROXY_ENV_VARS, ...NO_PROXY_ENV_VARS].filter((name) => !deps.envAllowed(name));
  if (denied.length > 0) {
    throw new NotCollected(`permission not granted (env access to ${denied.join(",")})`);
  }
  const value = PROXY_ENV_VARS.map((name) => deps.env(name)?.trim()).find((v) => v);
  const noProxy = NO_PROXY_ENV_VARS.map((name) => deps.env(name)).find((v) => v) ?? "";
  const exempt = noProxy.split(",").map((part) => part.trim().toLowerCase());
  return {
    inUse: value !== undefined,
    ...(value ? { scheme: proxyScheme(value) } : {}),
    bypassesLoopback: exempt.includes("*") ||
      (exempt.includes("localhost") && exempt.some((part) => part.startsWith("127."))),
  };
}

/**
 * The scheme of a proxy setting; `http` when it has none (curl's rule).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { proxyScheme } from "./context_probe.ts";
 * assert(proxyScheme("socks5h://u:p@h:1080") === "socks5h");
 * assert(proxyScheme("proxy.corp:3128") === "http");
 * ```
 */
export function proxyScheme(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  return scheme ?? "http";
}
