/**
 * Serializes a fetch `Response` as an HTTP/1.1 response: status line,
 * headers, `Content-Length`, the whole body (the service's answers are small
 * and complete), and `Connection: close` when the connection ends after it.
 *
 * @module
 */

const encoder = new TextEncoder();

/**
 * The bytes to send for `res` (no body for `HEAD`, 204 and 304).
 *
 * @example A JSON answer on a connection that stays open
 * ```ts
 * import assert from "node:assert/strict";
 * import { responseBytes } from "./write_response.ts";
 * const bytes = await responseBytes(new Response("{}", { status: 201 }), { head: false, close: false });
 * const text = new TextDecoder().decode(bytes);
 * assert.ok(text.startsWith("HTTP/1.1 201 Created\r\n"));
 * assert.ok(text.endsWith("content-length: 2\r\n\r\n{}"));
 * ```
 */
export async function responseBytes(
  res: Response,
  options: { head: boolean; close: boolean },
): Promise<Uint8Array> {
  const noBody = options.head || res.status === 204 || res.status === 304;
  const body = noBody || !res.body ? new Uint8Array(0) : new Uint8Array(await res.arrayBuffer());
  if (noBody) await res.body?.cancel().catch(() => {});
  let head = `HTTP/1.1 ${res.status} ${res.statusText || STATUS_TEXT[res.status] || "Status"}\r\n`;
  for (const [name, value] of res.headers) {
    if (name === "content-length" || name === "connection" || name === "transfer-encoding") {
      continue;
    }
    head += `${name}: ${value}\r\n`;
  }
  if (options.close) head += "connection: close\r\n";
  if (res.status !== 204 && res.status !== 304) {
    head += `content-length: ${
      noBody ? (res.headers.get("content-length") ?? 0) : body.length
    }\r\n`;
  }
  head += "\r\n";
  const headBytes = encoder.encode(head);
  if (body.length === 0) return headBytes;
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes);
  out.set(body, headBytes.length);
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
