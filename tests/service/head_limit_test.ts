/**
 * The 16 KiB request-head limit (`specs/service.md`: heads ≤ 16 KiB, else
 * 431) holds however the head's bytes arrive: in one write (read in 16 KiB
 * chunks, so a read used to run past the limit) or in many small ones. The
 * size is the bytes before the blank line: the request line and the header
 * lines with their CRLFs. A real server on 127.0.0.1 port 0, raw TCP.
 */
import { equal, match } from "node:assert/strict";
import { startHttpServer } from "../../src/service/http/http_server.ts";
import { DEFAULT_SERVER_LIMITS } from "../../src/service/http/server_limits.ts";

const LIMIT = DEFAULT_SERVER_LIMITS.maxHeadBytes;
const encoder = new TextEncoder();

/** A request whose head is exactly `size` bytes before its blank line, then the blank line. */
function requestWithHead(size: number): Uint8Array {
  const start = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: ";
  const head = `${start}${"a".repeat(size - start.length - 2)}\r\n`;
  equal(head.length, size);
  return encoder.encode(`${head}\r\n`);
}

/** Sends `request` in pieces of `piece` bytes (each write awaited) and reads the whole answer. */
async function exchange(port: number, request: Uint8Array, piece: number): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    conn.setNoDelay(true);
    for (let offset = 0; offset < request.length; offset += piece) {
      await conn.write(request.subarray(offset, offset + piece));
    }
    let answer = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) return answer;
      answer += new TextDecoder().decode(buf.subarray(0, n));
    }
  } finally {
    conn.close();
  }
}

Deno.test("request heads: over 16 KiB is 431 in one write or many; 16 KiB exactly is served", async (t) => {
  const server = startHttpServer({
    hostname: "127.0.0.1",
    port: 0,
    limits: DEFAULT_SERVER_LIMITS,
    handler: () => Promise.resolve(new Response("ok")),
  });
  try {
    for (
      const [size, expected] of [
        [LIMIT + 1, 431],
        [LIMIT, 200],
        [LIMIT - 1, 200],
      ] as const
    ) {
      for (const piece of [Infinity, 1_000, 97]) {
        const writes = piece === Infinity ? "one write" : `writes of ${piece} bytes`;
        await t.step(`${size}-byte head, ${writes} → ${expected}`, async () => {
          const answer = await exchange(server.port, requestWithHead(size), piece);
          match(answer, new RegExp(`^HTTP/1\\.1 ${expected} `));
          if (expected === 431) match(answer, /"code":"headers_too_large"/);
          else match(answer, /\r\n\r\nok$/);
        });
      }
    }
  } finally {
    await server.shutdown(1_000);
  }
});
