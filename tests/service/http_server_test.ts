/**
 * The service's HTTP server at its connection cap: an idle connection (or
 * one still sending its head) is closed to make room for a new one; when
 * every connection is in a request, the new one gets a clean 503 with
 * `Retry-After`. Real sockets on 127.0.0.1.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
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

/**
 * Opens a connection, sends each of `sends` (the later ones `pauseMs` apart),
 * and returns the 200 answers read and how long after the last send the
 * server closed the connection (ms).
 */
async function closedAfter(
  port: number,
  sends: string[],
  pauseMs = 0,
): Promise<{ answered: number; ms: number }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const buf = new Uint8Array(4096);
  let text = "";
  const reading = (async () => {
    for (;;) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) return performance.now();
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  })();
  try {
    let sent = performance.now();
    for (const [i, bytes] of sends.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      sent = performance.now();
      if (bytes) await conn.write(encoder.encode(bytes));
    }
    const closed = await reading;
    return { answered: text.split("HTTP/1.1 200 ").length - 1, ms: closed - sent };
  } finally {
    conn.close();
  }
}

Deno.test("deadlines: a head, a body, an idle keep-alive connection; a shorter deadline after a longer one", async () => {
  const server = startHttpServer({
    hostname: "127.0.0.1",
    port: 0,
    limits: {
      ...DEFAULT_SERVER_LIMITS,
      headerTimeoutMs: 150,
      bodyTimeoutMs: 150,
      idleTimeoutMs: 2_000,
    },
    handler: async (req) => {
      await req.arrayBuffer();
      return new Response("ok");
    },
  });
  const request = (length: number, body: string) =>
    `POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n${body}`;
  try {
    const silent = await closedAfter(server.port, [""]);
    const stalledBody = await closedAfter(server.port, [request(10, "ab")]);
    // One answered request, 400 ms idle (the 2 s idle deadline is armed), then a body that
    // stalls: its 150 ms deadline, earlier than the idle one, closes the connection.
    const afterIdle = await closedAfter(server.port, [request(2, "ab"), request(10, "ab")], 400);
    const idle = await closedAfter(server.port, [request(2, "ab")]);
    deepEqual([silent.answered, stalledBody.answered, afterIdle.answered, idle.answered], [
      0,
      0,
      1,
      1,
    ]);
    for (const { ms } of [silent, stalledBody, afterIdle]) ok(ms >= 100 && ms < 1_000, `${ms}`);
    ok(idle.ms >= 1_900 && idle.ms < 5_000, `${idle.ms}`);
  } finally {
    await server.shutdown(1_000);
  }
});
