/**
 * Just enough HTTP/1.1 framing for the fault proxy: where the first complete
 * message in a byte buffer ends (Content-Length, chunked, or no body), and
 * the status code of a response head. Pure functions over bytes.
 *
 * @module
 */

const CRLFCRLF = [13, 10, 13, 10];

function indexOfSequence(bytes: Uint8Array, sequence: number[], from = 0): number {
  outer: for (let i = from; i <= bytes.length - sequence.length; i++) {
    for (let k = 0; k < sequence.length; k++) {
      if (bytes[i + k] !== sequence[k]) continue outer;
    }
    return i;
  }
  return -1;
}

/** The head of one HTTP message: its start line and lower-cased headers. */
export interface MessageHead {
  startLine: string;
  headers: Map<string, string>;
  /** Bytes up to and including the blank line. */
  headLength: number;
}

/**
 * Parses the head of the message at the start of `bytes`; `undefined` while
 * the blank line has not arrived yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseHead } from "./http_message.ts";
 * const head = parseHead(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
 * assert(head?.headers.get("host") === "a" && head.headLength === 27);
 * ```
 */
export function parseHead(bytes: Uint8Array): MessageHead | undefined {
  const end = indexOfSequence(bytes, CRLFCRLF);
  if (end < 0) return undefined;
  const lines = new TextDecoder("latin1").decode(bytes.subarray(0, end)).split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return { startLine: lines[0], headers, headLength: end + 4 };
}

/**
 * The status code of a response head (`HTTP/1.1 503 …` → 503).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseHead, responseStatus } from "./http_message.ts";
 * const head = parseHead(new TextEncoder().encode("HTTP/1.1 503 Busy\r\n\r\n"))!;
 * assert(responseStatus(head) === 503);
 * ```
 */
export function responseStatus(head: MessageHead): number {
  return Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head.startLine)?.[1] ?? 0);
}

/** Where a chunked body that starts at `from` ends, or -1 while incomplete. */
function chunkedEnd(bytes: Uint8Array, from: number): number {
  let at = from;
  while (true) {
    const lineEnd = indexOfSequence(bytes, [13, 10], at);
    if (lineEnd < 0) return -1;
    const size = parseInt(new TextDecoder().decode(bytes.subarray(at, lineEnd)).split(";")[0], 16);
    if (Number.isNaN(size)) return -1;
    if (size === 0) {
      // Trailers (none expected) end with an empty line.
      const trailerEnd = indexOfSequence(bytes, [13, 10], lineEnd + 2);
      return trailerEnd < 0 ? -1 : trailerEnd + 2;
    }
    at = lineEnd + 2 + size + 2;
    if (at > bytes.length) return -1;
  }
}

/**
 * Length in bytes of the complete HTTP message at the start of `bytes`, or
 * `undefined` while it is incomplete (or, for a response without length,
 * runs until the connection closes).
 *
 * @example A request with a body
 * ```ts
 * import assert from "node:assert/strict";
 * import { messageLength } from "./http_message.ts";
 * const text = "POST /v1/reports HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
 * assert(messageLength(new TextEncoder().encode(text), "request") === text.length);
 * assert(messageLength(new TextEncoder().encode(text.slice(0, -1)), "request") === undefined);
 * ```
 */
export function messageLength(
  bytes: Uint8Array,
  kind: "request" | "response",
): number | undefined {
  const head = parseHead(bytes);
  if (!head) return undefined;
  if (kind === "response") {
    const status = responseStatus(head);
    if ((status >= 100 && status < 200) || status === 204 || status === 304) {
      return head.headLength;
    }
  }
  if (/chunked/i.test(head.headers.get("transfer-encoding") ?? "")) {
    const end = chunkedEnd(bytes, head.headLength);
    return end < 0 ? undefined : end;
  }
  const declared = head.headers.get("content-length");
  if (declared === undefined) return kind === "request" ? head.headLength : undefined;
  const total = head.headLength + Number(declared);
  return bytes.length >= total ? total : undefined;
}
