/**
 * The service's HTTP/1.1 server: its own accept loop on `Deno.listen` in
 * front of the fetch handler, because `Deno.serve` has no header, body or
 * idle timeouts and no connection cap, and ends for good on the first
 * `accept` error (EMFILE: "Too many open files"). Here an accept error waits
 * for a connection to close (or 100 ms) and accepting resumes; at
 * `maxConnections` the oldest connection not in a request (idle or still
 * sending its head) is closed to make room, and when all are busy the new
 * one gets a fixed 503 and is closed; each
 * connection's client-controlled phases have deadlines
 * (`serve_connection.ts`). Shutdown stops accepting, closes idle
 * connections, lets running requests answer for `graceMs`, then closes the
 * rest.
 *
 * @module
 */
import {
  type ConnectionHandler,
  serveConnection,
  type ServedConnection,
} from "./serve_connection.ts";
import type { ServerLimits } from "./server_limits.ts";
import { urlHost } from "../url_host.ts";

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  hostname: string;
  port: number;
  handler: ConnectionHandler;
  limits: ServerLimits;
  /** Logs accept errors and refusals (counts only). */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** A running server. */
export interface HttpServer {
  port: number;
  /** Connections open now. */
  readonly connections: number;
  /** Stops accepting; answers running requests for up to `graceMs`; closes everything. */
  shutdown(graceMs: number): Promise<void>;
}

const encoder = new TextEncoder();
const BUSY = encoder.encode(
  "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\n" +
    "retry-after: 1\r\nconnection: close\r\ncontent-length: 96\r\n\r\n" +
    JSON.stringify({
      error: { code: "overloaded", message: "Too many connections", retry: true, retry_after_s: 1 },
    }).padEnd(96, " "),
);

/**
 * Binds and starts accepting.
 *
 * @example Serves a handler on a free port
 * ```ts
 * import assert from "node:assert/strict";
 * import { startHttpServer } from "./http_server.ts";
 * import { DEFAULT_SERVER_LIMITS } from "./server_limits.ts";
 * const server = startHttpServer({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   handler: () => Promise.resolve(new Response("ok")),
 *   limits: DEFAULT_SERVER_LIMITS,
 * });
 * const res = await fetch(`http://127.0.0.1:${server.port}/`);
 * assert.equal(await res.text(), "ok");
 * await server.shutdown(1_000);
 * ```
 */
export function startHttpServer(options: HttpServerOptions): HttpServer {
  const { limits, log } = options;
  const listener = Deno.listen({ hostname: options.hostname, port: options.port });
  const port = (listener.addr as Deno.NetAddr).port;
  const origin = `http://${urlHost(options.hostname)}:${port}`;
  const open = new Set<ServedConnection>();
  let stopping = false;
  let freed = Promise.withResolvers<void>();
  const onClosed = (served: ServedConnection) => {
    open.delete(served);
    freed.resolve();
    freed = Promise.withResolvers<void>();
  };
  const refusing = new Set<Deno.Conn>();
  // Past the cap: wait for the request's first bytes (an HTTP client reads no answer it
  // has not asked for), answer 503 and close. At most 64 such waits: a newer one closes
  // the oldest, so a flood of silent connections cannot keep the newest from an answer.
  const refuse = (conn: Deno.Conn) => {
    const close = () => {
      refusing.delete(conn);
      try {
        conn.close();
      } catch { /* already closed */ }
    };
    if (refusing.size >= 64) {
      const [oldest] = refusing;
      refusing.delete(oldest);
      try {
        oldest.close();
      } catch { /* already closed */ }
    }
    refusing.add(conn);
    const timer = setTimeout(close, 1_000);
    conn.read(new Uint8Array(4096))
      .then((n) => n === null ? undefined : conn.write(BUSY))
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        close();
      });
  };
  const accepting = (async () => {
    let refused = 0;
    let acceptErrors = 0;
    while (!stopping) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch (error) {
        if (stopping) break;
        if (acceptErrors++ % 50 === 0) {
          log?.("accept_error", {
            message: String(error).slice(0, 120),
            open: open.size,
            count: acceptErrors,
          });
        }
        // Out of files (or another transient failure): wait for a connection to close.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          freed.promise,
          new Promise<void>((resolve) => timer = setTimeout(resolve, 100)),
        ]);
        clearTimeout(timer);
        continue;
      }
      if (stopping) {
        conn.close();
        break;
      }
      if (open.size >= limits.maxConnections) {
        // Make room by closing the oldest connection that is not in a request (idle, or
        // still sending its head); refuse only when every one is busy.
        for (const served of open) {
          if (served.busy) continue;
          served.close();
          open.delete(served);
          break;
        }
      }
      if (open.size >= limits.maxConnections) {
        if (refused++ % 100 === 0) log?.("connections_refused", { open: open.size, refused });
        refuse(conn);
        continue;
      }
      const served = serveConnection(conn, {
        handler: options.handler,
        limits,
        origin,
        stopping: () => stopping,
      });
      open.add(served);
      served.done.then(() => onClosed(served));
    }
  })();
  return {
    port,
    get connections() {
      return open.size;
    },
    async shutdown(graceMs) {
      stopping = true;
      try {
        listener.close();
      } catch { /* already closed */ }
      await accepting;
      for (const served of open) if (!served.busy) served.close();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([...open].map((s) => s.done)),
        new Promise<void>((resolve) => timer = setTimeout(resolve, graceMs)),
      ]);
      clearTimeout(timer);
      for (const served of open) served.close();
      await Promise.all([...open].map((s) => s.done));
    },
  };
}
