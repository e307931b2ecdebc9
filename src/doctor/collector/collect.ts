/**
 * Runs every doctor probe in parallel, each with its own timeout, inside one
 * total time budget, and returns the raw facts. Nothing here throws: a probe
 * that is denied a permission, fails or runs out of time is recorded as
 * "not collected: why".
 *
 * @module
 */
import { type CaroDirs, caroDirs, knownDir } from "../../platform/dirs.ts";
import { keyedHash, loadOrCreateHashKey } from "../../sanitizer/keyed_hash.ts";
import type { LoadedConfig } from "../../config/load_config.ts";
import { type BackendFacts, probeBackends, probeOllamaBinary } from "./backend_probe.ts";
import { type CaroFacts, probeCaro } from "./caro_probe.ts";
import {
  type Collected,
  type Hasher,
  NotCollected,
  runProbe,
  type TimeoutSignal,
} from "./collected.ts";
import { CaroError } from "../../errors.ts";
import { probeConfig } from "./config_probe.ts";
import { type ContextFacts, probeContext } from "./context_probe.ts";
import { type PlatformFacts, probePlatform } from "./platform_probe.ts";
import type { ProbeDeps } from "./probe_deps.ts";
import { makeScrubber, type Scrubber, secretsOfUrl } from "./scrub.ts";
import { probeShell, type ShellFacts } from "./shell_probe.ts";
import { SHELL_VERSION_CACHE } from "./shell_version_cache.ts";
import { join } from "../../platform/path.ts";
import { PROXY_ENV_VARS } from "./context_probe.ts";

/** Time limits of one doctor run. */
export interface CollectLimits {
  /** The whole collection stops waiting after this many ms (default 1500). */
  budgetMs?: number;
  /** Each probe's own limit (default 1000). */
  probeTimeoutMs?: number;
  /** Makes the budget's signal (default `AbortSignal.timeout`); tests decide when time is up. */
  timeoutSignal?: TimeoutSignal;
}

/** Everything one doctor run collected, before any rendering. */
export interface DoctorFacts {
  dirs: CaroDirs;
  platform: PlatformFacts;
  shell: Collected<ShellFacts>;
  caro: CaroFacts;
  config: Collected<LoadedConfig>;
  backend: BackendFacts;
  context: ContextFacts;
  /** Epoch ms when collection started. */
  startedAt: number;
  elapsedMs: number;
  /** Redacts this run's personal values (home, proxy and endpoint hosts) from text. */
  scrub: Scrubber;
}

/** Default total budget of a doctor run, in ms. */
export const DEFAULT_BUDGET_MS = 1500;
/** Default per-probe timeout, in ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 1000;

const EMPTY_CONFIG: LoadedConfig = {
  source: "none",
  config: { backend: {}, safety: {}, healing: {} },
  problems: [],
};

/**
 * Collects all facts for the doctor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { collectFacts } from "./collect.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const facts = await collectFacts(processProbeDeps(), { budgetMs: 1500 });
 * assert(facts.elapsedMs < 5000);
 * ```
 */
export async function collectFacts(
  deps: ProbeDeps,
  limits: CollectLimits = {},
  hashKey?: CryptoKey,
): Promise<DoctorFacts> {
  const startedAt = deps.now();
  const budgetMs = limits.budgetMs ?? DEFAULT_BUDGET_MS;
  const timeoutMs = Math.min(limits.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, budgetMs);
  const budget = (limits.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms)))(budgetMs);
  // File reads are issued first, then the subprocesses: the first
  // subprocess keeps this thread busy for ~3 ms (Deno loads its process
  // code), time in which the reads complete on other threads. (On macOS the
  // platform probe itself runs `sw_vers` first.)
  const platform = probePlatform(deps, timeoutMs, budget);
  const dirs = caroDirs(deps.env, deps.build.os);
  // Without a home (HOME unset or not granted, no CARO_HOME) caro's dirs are
  // unknown: each item that needs one is not collected, never looked for elsewhere.
  const dir = (name: keyof CaroDirs): Collected<string> => {
    const value = knownDir(dirs, name);
    return value === undefined
      ? { collected: false, why: unknownDirs(deps) }
      : { collected: true, value };
  };
  const [configDir, dataDir, cacheDir] = [dir("config"), dir("data"), dir("cache")];
  const hasher = (key: CryptoKey): Hasher => (value) => keyedHash(key, value);
  const hash: Promise<Collected<Hasher>> = hashKey
    ? Promise.resolve({ collected: true, value: hasher(hashKey) })
    : !dataDir.collected
    ? Promise.resolve(dataDir)
    : runProbe(
      () => loadOrCreateHashKey(dataDir.value).then(hasher, refusedKey),
      timeoutMs,
      budget,
    );
  const config: Promise<Collected<LoadedConfig>> = configDir.collected
    ? probeConfig(deps, dirs, timeoutMs, budget)
    : Promise.resolve(configDir);
  const versionCache = cacheDir.collected ? join(cacheDir.value, SHELL_VERSION_CACHE) : undefined;
  const shell = probeShell(deps, timeoutMs, budget, versionCache);
  const ollamaBinary = probeOllamaBinary(timeoutMs, budget);
  const [platformFacts, shellFacts, loaded, backend, caro, context] = await Promise.all([
    platform,
    shell,
    config,
    config.then((c) =>
      probeBackends(
        deps,
        (c.collected ? c.value : EMPTY_CONFIG).config,
        cacheDir,
        timeoutMs,
        budget,
        ollamaBinary,
      )
    ),
    hash.then((h) => probeCaro(deps, h, timeoutMs, budget)),
    hash.then((h) => probeContext(deps, h, timeoutMs, budget)),
  ]);
  return {
    dirs,
    platform: platformFacts,
    shell: shellFacts,
    caro,
    config: loaded,
    backend,
    context,
    startedAt,
    elapsedMs: deps.now() - startedAt,
    scrub: await scrubberFor(deps, loaded, backend),
  };
}

/**
 * Why caro's directories are unknown: the home directory is not set, or caro
 * may not read the variable that says where it is.
 */
function unknownDirs(deps: ProbeDeps): string {
  const why = deps.envAllowed("HOME")
    ? "HOME is not set (set HOME or CARO_HOME)"
    : "permission not granted (env access to HOME)";
  return `caro's directories are unknown: ${why}`;
}

/** A refused key file is worded without its path (it holds the user's home). */
function refusedKey(error: unknown): never {
  if (error instanceof CaroError) {
    throw new NotCollected("the install's hash key file was refused (wrong size or permissions)");
  }
  throw error;
}

async function scrubberFor(
  deps: ProbeDeps,
  config: Collected<LoadedConfig>,
  backend: BackendFacts,
): Promise<Scrubber> {
  const read = (name: string) => deps.envAllowed(name) ? deps.env(name) : undefined;
  const dirs: [string, string][] = [];
  const caroHome = read("CARO_HOME");
  if (caroHome) dirs.push([caroHome, "$CARO_HOME"]);
  const users: string[] = [];
  for (const name of ["HOME", "USERPROFILE"]) {
    const home = read(name);
    if (home) {
      dirs.push([home, "~"]);
      const login = home.split(/[\\/]/).filter((part) => part !== "").at(-1);
      if (login) users.push(login);
    }
  }
  const urls = [
    ...PROXY_ENV_VARS.map(read),
    read("OLLAMA_HOST"),
    backend.ollama.api.url,
    backend.openaiCompatible.url,
    ...(config.collected ? [config.value.config.backend.endpoint] : []),
    ...(config.collected ? [config.value.config.healing.endpoint] : []),
  ];
  const known = { dirs, secrets: urls.flatMap(secretsOfUrl), users };
  // The sanitizer costs ~5 ms to load and warm: only when outside text will be shown.
  const outsideText = (config.collected &&
    (config.value.problems.length > 0 || config.value.config.backend.model !== undefined)) ||
    [backend.ollama.api.models, backend.openaiCompatible.models, backend.embedded].some((list) =>
      list.collected && list.value.length > 0
    );
  if (!outsideText) return makeScrubber(known);
  const { sanitizeText } = await import("../../sanitizer/sanitize_text.ts");
  return makeScrubber(known, (text) => sanitizeText(text).text);
}
