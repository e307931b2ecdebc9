/**
 * One signed request to the healing service with its own timeout: the
 * request is signed over the exact path, query and body bytes that are sent.
 *
 * @module
 */
import { type InstallKey, signRequest } from "../../protocol/signed_request.ts";

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
}

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
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw describeFailure(error, url, request.timeoutMs, timeout);
  }
}

/**
 * Turns what `fetch` (or reading a body) threw into a {@link RequestFailure}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeFailure } from "./signed_fetch.ts";
 * const failure = describeFailure(new TypeError("error sending request: Connection refused"), new URL("http://h"), 10_000, AbortSignal.abort());
 * assert(failure.kind === "network");
 * ```
 */
export function describeFailure(
  error: unknown,
  url: URL,
  timeoutMs: number,
  timeout: AbortSignal,
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
      : new RequestFailure("stopped: this run's time for sending is used up", "aborted");
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
  if (lower.includes("reset")) return "connection reset";
  if (lower.includes("dns") || lower.includes("lookup") || lower.includes("resolve")) {
    return "host not found";
  }
  if (lower.includes("closed") || lower.includes("incomplete") || lower.includes("eof")) {
    return "connection closed before an answer";
  }
  return message.split("\n")[0].slice(0, 120);
}
