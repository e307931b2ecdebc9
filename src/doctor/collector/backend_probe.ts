/**
 * Backend probe: which local LLM backends could serve CARO. Ollama (binary
 * installed? API reachable on `OLLAMA_HOST` or its default port, with its
 * models), a vLLM / OpenAI-compatible server (`/v1/models` on the configured
 * endpoint or port 8000), MLX (possible on Apple Silicon only) and the
 * embedded model (a model file in caro's cache dir). Endpoint URLs stay
 * inside the probe's facts; the doctor only ever shows loopback or remote.
 *
 * @module
 */
import type { CaroConfig } from "../../config/load_config.ts";
import { type Collected, NotCollected, runProbe } from "./collected.ts";
import { getJson, Unreachable } from "./http_json.ts";
import { ollamaBaseUrl } from "./ollama_endpoint.ts";
import type { ProbeDeps } from "./probe_deps.ts";

/** Default base URL of a vLLM / OpenAI-compatible server. */
export const OPENAI_COMPATIBLE_DEFAULT_URL = "http://127.0.0.1:8000";
/** File endings of model weights the embedded backend can load. */
export const EMBEDDED_MODEL_SUFFIXES = [".gguf", ".safetensors", ".mlx", ".bin"] as const;

/** One HTTP backend: where it is (never shown) and what it answered. */
export interface ApiFacts {
  /** The base URL (kept for the scrubber; never printed). */
  url: string;
  loopback: boolean;
  /** Model names the server lists, or why it could not be asked. */
  models: Collected<string[]>;
}

/** Whether the `ollama` binary is on PATH, and its version. */
export interface OllamaBinary {
  installed: boolean;
  version?: string;
}

/** Everything the backend probe found. */
export interface BackendFacts {
  ollama: { api: ApiFacts; binary: Collected<OllamaBinary> };
  openaiCompatible: ApiFacts;
  mlx: { possible: boolean };
  /** Model files in `<cache>/models`. */
  embedded: Collected<string[]>;
}

/**
 * Probes all backends in parallel, each with its own timeout. `cacheDir` is
 * caro's cache dir, or why it is unknown (the embedded model is then not
 * collected, for that reason).
 *
 * @example Nothing listening: both HTTP backends unreachable, fast
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeBackends } from "./backend_probe.ts";
 * import { processProbeDeps } from "./probe_deps.ts";
 * const deps = { ...processProbeDeps(), env: () => "127.0.0.1:9", envAllowed: () => true };
 * const config = { backend: { endpoint: "http://127.0.0.1:9" }, safety: {}, healing: {} };
 * const cache = { collected: true, value: "/nonexistent" } as const;
 * const facts = await probeBackends(deps, config, cache, 1000);
 * assert(!facts.ollama.api.models.collected);
 * ```
 */
export async function probeBackends(
  deps: ProbeDeps,
  config: CaroConfig,
  cacheDir: Collected<string>,
  timeoutMs: number,
  budget?: AbortSignal,
  binary: Promise<Collected<OllamaBinary>> = probeOllamaBinary(timeoutMs, budget),
): Promise<BackendFacts> {
  const { type, endpoint } = config.backend;
  const ollamaUrl = type === "ollama" && endpoint
    ? trimSlash(endpoint)
    : ollamaUrlFromEnv(deps.envAllowed("OLLAMA_HOST") ? deps.env("OLLAMA_HOST") : undefined);
  const openaiUrl = (type === "vllm" || type === "openai_compatible") && endpoint
    ? trimSlash(endpoint)
    : OPENAI_COMPATIBLE_DEFAULT_URL;
  const [ollamaModels, ollamaBinary, openaiModels, embedded] = await Promise.all([
    runProbe((signal) => listModels(deps, ollamaUrl, "/api/tags", signal), timeoutMs, budget),
    binary,
    runProbe((signal) => listModels(deps, openaiUrl, "/v1/models", signal), timeoutMs, budget),
    cacheDir.collected
      ? runProbe(
        () =>
          embeddedModels(
            deps,
            `${cacheDir.value}${deps.build.os === "windows" ? "\\" : "/"}models`,
          ),
        timeoutMs,
        budget,
      )
      : cacheDir,
  ]);
  return {
    ollama: { api: apiFacts(ollamaUrl, ollamaModels), binary: ollamaBinary },
    openaiCompatible: apiFacts(openaiUrl, openaiModels),
    mlx: { possible: deps.build.os === "darwin" && deps.build.arch === "aarch64" },
    embedded,
  };
}

/** The Ollama URL from OLLAMA_HOST; a value that is no address is kept (and fails in the probe). */
function ollamaUrlFromEnv(value: string | undefined): string {
  try {
    return ollamaBaseUrl(value);
  } catch {
    return value ?? "";
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function apiFacts(url: string, models: Collected<string[]>): ApiFacts {
  return { url, loopback: isLoopback(url), models };
}

/**
 * Whether a URL points at this machine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLoopback } from "./backend_probe.ts";
 * assert(isLoopback("http://127.0.0.1:11434") && !isLoopback("http://gpu.lan:8000"));
 * ```
 */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

async function listModels(
  deps: ProbeDeps,
  base: string,
  path: "/api/tags" | "/v1/models",
  signal: AbortSignal,
): Promise<string[]> {
  const body = await getJson(deps.fetch, deps.reach, base, path, signal);
  const list = path === "/api/tags"
    ? (body as { models?: { name?: unknown }[] })?.models?.map((m) => m?.name)
    : (body as { data?: { id?: unknown }[] })?.data?.map((m) => m?.id);
  if (!Array.isArray(list)) throw new Unreachable(`not usable (${path} answered no model list)`);
  return list.filter((name): name is string => typeof name === "string");
}

/**
 * Whether `ollama` is on PATH and its version: not collected. caro does not
 * run `ollama` (it is not in `--allow-run`: `ollama create` reads any file a
 * Modelfile names and `ollama push` uploads it anywhere), and the server's
 * reachability and models are probed over HTTP instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probeOllamaBinary } from "./backend_probe.ts";
 * const binary = await probeOllamaBinary(1000);
 * assert(!binary.collected && /does not run ollama/.test(binary.why));
 * ```
 */
export function probeOllamaBinary(
  timeoutMs: number,
  budget?: AbortSignal,
): Promise<Collected<OllamaBinary>> {
  return runProbe(
    () => {
      throw new NotCollected("caro does not run ollama (it could read and upload any file)");
    },
    timeoutMs,
    budget,
  );
}

async function embeddedModels(deps: ProbeDeps, dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of deps.readDir(dir)) {
      if (entry.isFile && EMBEDDED_MODEL_SUFFIXES.some((s) => entry.name.endsWith(s))) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names.sort();
}
