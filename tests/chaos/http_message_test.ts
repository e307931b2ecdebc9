/**
 * The proxy's HTTP/1.1 framing: where a message ends for every way HTTP
 * says it (Content-Length, chunked, no body) and while bytes are missing.
 */
import { equal } from "node:assert/strict";
import { messageLength, parseHead, responseStatus } from "../../tools/chaos/http_message.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("a request with Content-Length ends after its body, not before", () => {
  const text = "POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
  equal(messageLength(bytes(text + "GET / HTTP/1.1\r\n"), "request"), text.length);
  equal(messageLength(bytes(text.slice(0, -1)), "request"), undefined);
  equal(messageLength(bytes(text.slice(0, 20)), "request"), undefined);
});

Deno.test("a request without a body ends at the blank line", () => {
  const text = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  equal(messageLength(bytes(text), "request"), text.length);
});

Deno.test("a chunked response ends after the zero chunk and its blank line", () => {
  const head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  const body = "5\r\nhello\r\n3;x=1\r\nabc\r\n0\r\n\r\n";
  equal(messageLength(bytes(head + body), "response"), head.length + body.length);
  equal(messageLength(bytes(head + body.slice(0, -2)), "response"), undefined);
  equal(messageLength(bytes(head + "5\r\nhel"), "response"), undefined);
});

Deno.test("204 and 1xx answers have no body; a response without length runs to EOF", () => {
  equal(messageLength(bytes("HTTP/1.1 204 No Content\r\n\r\nX"), "response"), 27);
  equal(messageLength(bytes("HTTP/1.1 100 Continue\r\n\r\n"), "response"), 25);
  equal(messageLength(bytes("HTTP/1.1 200 OK\r\n\r\nbody"), "response"), undefined);
});

Deno.test("status and headers of a response head", () => {
  const head = parseHead(bytes("HTTP/1.1 429 Too Many\r\nRetry-After: 60\r\n\r\n"))!;
  equal(responseStatus(head), 429);
  equal(head.headers.get("retry-after"), "60");
  equal(parseHead(bytes("HTTP/1.1 429 Too Many\r\n")), undefined);
});
