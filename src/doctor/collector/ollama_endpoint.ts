/**
 * Where Ollama listens, the way the `ollama` client reads `OLLAMA_HOST`:
 * a bare host, `host:port` or a URL; port 11434 and `http` by default;
 * `0.0.0.0` (listen everywhere) is reached on 127.0.0.1.
 *
 * @module
 */

/** Ollama's default address. */
export const OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434";

/**
 * The base URL for Ollama's HTTP API from an `OLLAMA_HOST` value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ollamaBaseUrl } from "./ollama_endpoint.ts";
 * assert(ollamaBaseUrl(undefined) === "http://127.0.0.1:11434");
 * assert(ollamaBaseUrl("0.0.0.0") === "http://127.0.0.1:11434");
 * assert(ollamaBaseUrl("127.0.0.1:5000") === "http://127.0.0.1:5000");
 * assert(ollamaBaseUrl("https://gpu.example") === "https://gpu.example:11434");
 * ```
 */
export function ollamaBaseUrl(ollamaHost: string | undefined): string {
  const value = ollamaHost?.trim();
  if (!value) return OLLAMA_DEFAULT_URL;
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  if (url.port === "" && !/:\d+(\/|$)/.test(value)) url.port = "11434";
  if (url.hostname === "0.0.0.0" || url.hostname === "[::]") url.hostname = "127.0.0.1";
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
