/**
 * The service's HTTP server at its connection cap: an idle connection (or
 * one still sending its head) is closed to make room for a new one; when
 * every connection is in a request, the new one gets a clean 503 with
 * `Retry-After`. Real sockets on 127.0.0.1.
 */
import { equal, match } from "node:assert/strict";
import { startHttpServer } from "../../src/service/http/http_server.ts";
import { DEFAULT_SERVER_LIMITS } from "../../src/service/http/server_limits.ts";

const encoder = new TextEncoder();

async function ask(port: number): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(encoder.encode("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    let text = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) return text;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  } finally {
    conn.close();
  }
}

Deno.test("at the connection cap: idle connections make room; all busy → 503 with Retry-After", async () => {
  const gate = Promise.withResolvers<void>();
  let inside = 0;
  const bothInside = Promise.withResolvers<void>();
  const server = startHttpServer({
    hostname: "127.0.0.1",
    port: 0,
    limits: { ...DEFAULT_SERVER_LIMITS, maxConnections: 2 },
    handler: async (req) => {
      if (req.method === "POST") {
        if (++inside === 2) bothInside.resolve();
        await gate.promise;
      }
      return new Response("ok");
    },
  });
  const held: Deno.Conn[] = [];
  try {
    // Two connections that sent nothing: the new request closes one of them and is served.
    for (let i = 0; i < 2; i++) {
      held.push(await Deno.connect({ hostname: "127.0.0.1", port: server.port }));
    }
    match(await ask(server.port), /^HTTP\/1\.1 200 /);
    for (const conn of held.splice(0)) conn.close();
    // Two connections inside a request (being handled): no room, a clean 503.
    for (let i = 0; i < 2; i++) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
      await conn.write(
        encoder.encode("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"),
      );
      held.push(conn);
    }
    await bothInside.promise;
    const answer = await ask(server.port);
    match(answer, /^HTTP\/1\.1 503 /);
    match(answer, /retry-after: 1/);
    equal(server.connections, 2);
  } finally {
    gate.resolve();
    for (const conn of held) conn.close();
    await server.shutdown(1_000);
  }
});
