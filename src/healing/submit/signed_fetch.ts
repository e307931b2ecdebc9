/**
 * One signed request to the healing service with its own timeout: the
 * request is signed over the exact path, query and body bytes that are sent.
 * Nothing the service answers is trusted blindly: a redirect is not followed
 * (it is a configuration problem, reported as `blocked`: the signed report
 * must never go to another host, such as a local LLM server), and the answer
 * is read up to a size cap, refused as soon as it is bigger.
 *
 * @module
 */
import { type InstallKey, signRequest } from "../../protocol/signed_request.ts";
import { printableText } from "../../platform/printable_text.ts";

/** What {@link signedFetch} sends. */
export interface SignedFetchRequest {
  /** The service's base URL, e.g. `https://heal.caro.example`. */
  endpoint: string;
  method: "GET" | "POST" | "DELETE";
  /** Path and query under the endpoint, e.g. `/v1/notifications?since=3`. */
  path: string;
  body?: Uint8Array;
  headers?: Record<string, string>;
  installKey: InstallKey;
  /** Signing time, epoch ms. */
  nowMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Largest answer body read (default {@link MAX_ANSWER_BYTES}); a bigger one is refused. */
  maxAnswerBytes?: number;
}

/** The cap on an answer's body: 64 KiB (notifications ask for more). */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** Why a request could not even be attempted, or got no answer. */
export class RequestFailure extends Error {
  /** `blocked`: retrying in this process cannot help (bad URL, host not allowed). */
  constructor(message: string, readonly kind: "blocked" | "timeout" | "network" | "aborted") {
    super(message);
    this.name = "RequestFailure";
  }
}

/**
 * The URL for `path` under `endpoint` (which may itself have a path prefix).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { serviceUrl } from "./signed_fetch.ts";
 * assert(serviceUrl("https://h.example/heal/", "/v1/reports").href === "https://h.example/heal/v1/reports");
 * ```
 */
export function serviceUrl(endpoint: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    throw new RequestFailure(
      `the healing endpoint ${JSON.stringify(endpoint)} is not a URL`,
      "blocked",
    );
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new RequestFailure(`the healing endpoint ${endpoint} is not http(s)`, "blocked");
  }
  return new URL(base.href.replace(/\/+$/, "") + path);
}

/** An answer from the service, body read in full. */
export interface SignedAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Sends a signed request and reads the whole answer under one timeout.
 * Throws {@link RequestFailure} for everything but an answer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { signedFetch } from "./signed_fetch.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * const installKey = await generateInstallKey();
 * await using server = Deno.serve({ port: 0, onListen() {} }, () => new Response("{}"));
 * const answer = await signedFetch({
 *   endpoint: `http://127.0.0.1:${server.addr.port}`, method: "GET", path: "/v1/x",
 *   installKey, nowMs: Date.now(), timeoutMs: 5000,
 * });
 * assert(answer.status === 200 && answer.text === "{}");
 * ```
 */
export async function signedFetch(request: SignedFetchRequest): Promise<SignedAnswer> {
  const url = serviceUrl(request.endpoint, request.path);
  const body = request.body ?? new Uint8Array();
  const signature = await signRequest(request.installKey, {
    method: request.method,
    pathAndQuery: url.pathname + url.search,
    body,
  }, request.nowMs);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await (request.fetch ?? fetch)(url, {
      method: request.method,
      headers: {
        ...(request.method === "POST" ? { "content-type": "application/json" } : {}),
        ...request.headers,
        ...signature,
      },
      body: request.method === "POST" ? body as BodyInit : undefined,
      signal,
      redirect: "manual",
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw redirected(url, response);
    }
    const text = await readCapped(response, request.maxAnswerBytes ?? MAX_ANSWER_BYTES, url);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw describeFailure(error, url, request.timeoutMs, timeout, request.signal);
  }
}

function redirected(url: URL, response: Response): RequestFailure {
  let target = "elsewhere";
  try {
    target = new URL(response.headers.get("location") ?? "", url).host || target;
  } catch {
    // an unreadable Location: still a redirect, still not followed
  }
  return new RequestFailure(
    `the healing endpoint redirects to ${printableText(target).slice(0, 100)} ` +
      `(HTTP ${response.status}, not followed): check the endpoint setting`,
    "blocked",
  );
}

/**
 * Reads an answer's body as text, refusing it (and cancelling the rest of
 * the stream) once it is over `maxBytes`: a huge answer is never held in
 * memory, let alone stored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCapped, RequestFailure } from "./signed_fetch.ts";
 * const url = new URL("http://h.example");
 * assert.equal(await readCapped(new Response("{}"), 10, url), "{}");
 * await assert.rejects(readCapped(new Response("x".repeat(11)), 10, url), RequestFailure);
 * ```
 */
export async function readCapped(response: Response, maxBytes: number, url: URL): Promise<string> {
  const tooBig = () =>
    new RequestFailure(
      `the answer from ${url.host} is over ${formatBytes(maxBytes)} (refused, not read)`,
      "network",
    );
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return "";
  const decoder = new TextDecoder();
  let text = "";
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/**
 * Turns what `fetch` (or reading a body) threw into a {@link RequestFailure}.
 * `stopped` is the caller's signal: when it stopped the request, a string
 * reason it was aborted with says why (else "this run's time … is used up").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeFailure } from "./signed_fetch.ts";
 * const failure = describeFailure(new TypeError("error sending request: Connection refused"), new URL("http://h"), 10_000, AbortSignal.abort());
 * assert(failure.kind === "network");
 * const aborted = new DOMException("stopped", "AbortError");
 * const ctrlC = AbortSignal.abort("interrupted (Ctrl-C)");
 * const stopped = describeFailure(aborted, new URL("http://h"), 10_000, new AbortController().signal, ctrlC);
 * assert.equal(stopped.message, "stopped: interrupted (Ctrl-C)");
 * ```
 */
export function describeFailure(
  error: unknown,
  url: URL,
  timeoutMs: number,
  timeout: AbortSignal,
  stopped?: AbortSignal,
): RequestFailure {
  if (error instanceof RequestFailure) return error;
  if (error instanceof Deno.errors.NotCapable) {
    return new RequestFailure(
      `this caro may not connect to ${url.host} (not in its --allow-net list)`,
      "blocked",
    );
  }
  if (
    error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return timeout.aborted
      ? new RequestFailure(
        `no answer from ${url.host} within ${Math.ceil(timeoutMs / 1000)} s`,
        "timeout",
      )
      : new RequestFailure(
        `stopped: ${
          typeof stopped?.reason === "string"
            ? stopped.reason
            : "this run's time for sending is used up"
        }`,
        "aborted",
      );
  }
  return new RequestFailure(
    `cannot reach ${url.host}: ${shortNetworkReason(messageChain(error))}`,
    "network",
  );
}

function messageChain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined
    ? error.message
    : `${error.message}: ${messageChain(error.cause)}`;
}

function shortNetworkReason(message: string): string {
  const lower = message.toLowerCase();
  if (lower.includes("refused")) return "connection refused";
  if (lower.includes("certificate") || lower.includes("tls") || lower.includes("handshake")) {
    return "TLS handshake failed (certificate or protocol)";
  }
  if (lower.includes("reset")) return "connection reset";
  if (lower.includes("dns") || lower.includes("lookup") || lower.includes("resolve")) {
    return "host not found";
  }
  if (lower.includes("closed") || lower.includes("incomplete") || lower.includes("eof")) {
    return "connection closed before an answer";
  }
  return printableText(message.split("\n")[0]).slice(0, 120);
}
