/**
 * Serves HTTP/1.1 requests on one connection, one after another, with a
 * deadline for every phase the client controls: the head (header timeout on
 * the first request, idle timeout between requests), the body, and taking
 * the response. A missed deadline closes the connection; the handler's own
 * time is not bounded here.
 *
 * @module
 */
import { ConnReader, FramingError } from "./conn_reader.ts";
import { parseRequestHead } from "./request_head.ts";
import type { ServerLimits } from "./server_limits.ts";
import { responseBytes } from "./write_response.ts";
import type { ApiErrorCode } from "../../protocol/api_error_codes.ts";

/** The fetch handler served (the service's `fetch`). */
export type ConnectionHandler = (
  req: Request,
  info: { remoteAddr: Deno.Addr },
) => Promise<Response>;

/** A served connection, as its server sees it. */
export interface ServedConnection {
  /** Whether a request is being handled (its head has arrived). */
  readonly busy: boolean;
  /** Closes it now (a pending read or write ends). */
  close(): void;
  /** Settles when the connection is closed. */
  readonly done: Promise<void>;
}

/** The bytes and I/O a served connection needs (a `Deno.Conn`). */
export interface ServableConn {
  readonly remoteAddr: Deno.Addr;
  read(p: Uint8Array): Promise<number | null>;
  write(p: Uint8Array): Promise<number>;
  close(): void;
}

/** Options for {@link serveConnection}. */
export interface ServeConnectionOptions {
  handler: ConnectionHandler;
  limits: ServerLimits;
  /** `http://host:port`, prefixed to each request target. */
  origin: string;
  /** True once the server is shutting down: answer the current request, then close. */
  stopping: () => boolean;
}

const CONTINUE = new TextEncoder().encode("HTTP/1.1 100 Continue\r\n\r\n");

/**
 * Starts serving `conn`; returns at once.
 *
 * @example One connection from a listener
 * ```ts ignore
 * const served = serveConnection(await listener.accept(), { handler, limits, origin, stopping });
 * await served.done;
 * ```
 */
export function serveConnection(
  conn: ServableConn,
  options: ServeConnectionOptions,
): ServedConnection {
  const { limits } = options;
  let closed = false;
  // One timer, moved lazily: arming a later deadline (every phase of a request on a busy
  // connection) only records it; a timer that fires before the deadline waits on.
  let deadline = Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* already closed */ }
  };
  const schedule = (ms: number) => {
    timerAt = performance.now() + ms;
    timer = setTimeout(fire, ms);
  };
  const fire = () => {
    timer = undefined;
    timerAt = Infinity;
    if (deadline === Infinity) return;
    const left = deadline - performance.now();
    if (left <= 0) close();
    else schedule(left);
  };
  const arm = (ms: number) => {
    deadline = performance.now() + ms;
    if (timer !== undefined && timerAt <= deadline) return;
    clearTimeout(timer);
    schedule(ms);
  };
  const disarm = () => {
    deadline = Infinity;
  };
  const state = { busy: false, close, done: Promise.resolve() };
  state.done = (async () => {
    const reader = new ConnReader(conn);
    let first = true;
    try {
      while (!closed && !options.stopping()) {
        state.busy = false;
        arm(first ? limits.headerTimeoutMs : limits.idleTimeoutMs);
        let res: Response;
        let method = "GET";
        let keepAlive = false;
        try {
          const headBytes = await reader.readHead(limits.maxHeadBytes);
          if (!headBytes) break;
          state.busy = true;
          arm(limits.bodyTimeoutMs);
          const head = parseRequestHead(headBytes);
          if (!head) throw new FramingError(400, "malformed request head");
          method = head.method;
          const connection = field(head.headers, "connection")?.toLowerCase() ?? "";
          keepAlive = head.version === "1.1"
            ? !connection.includes("close")
            : connection.includes("keep-alive");
          const { headers, body } = await readBody(conn, reader, head.headers, limits);
          disarm();
          // The fields as pairs: a `Headers` object here costs the `Request` a sorted copy.
          const req = new Request(options.origin + head.target, {
            method: head.method,
            headers,
            body: head.method === "GET" || head.method === "HEAD"
              ? undefined
              : body as Uint8Array<ArrayBuffer> | undefined,
          });
          res = await options.handler(req, { remoteAddr: conn.remoteAddr }).catch(() =>
            plain(500, "internal")
          );
        } catch (error) {
          if (closed) throw error;
          res = error instanceof FramingError
            ? plain(error.status, error.message)
            : plain(400, "malformed request");
          keepAlive = false;
        }
        if (closed) break;
        if (options.stopping()) keepAlive = false;
        arm(limits.sendTimeoutMs);
        await writeAll(
          conn,
          await responseBytes(res, { head: method === "HEAD", close: !keepAlive }),
        );
        first = false;
        if (!keepAlive) break;
      }
    } catch { /* the connection failed or was closed by a deadline */ }
    close();
  })();
  return state;
}

/** A header field's value as `Headers.get` gives it (repeated fields joined by ", "). */
function field(headers: readonly [string, string][], name: string): string | null {
  let value: string | null = null;
  for (const [n, v] of headers) if (n === name) value = value === null ? v : `${value}, ${v}`;
  return value;
}

/** The request's body, and its header fields as the handler sees them. */
async function readBody(
  conn: ServableConn,
  reader: ConnReader,
  headers: [string, string][],
  limits: ServerLimits,
): Promise<{ headers: [string, string][]; body: Uint8Array | undefined }> {
  const chunked = field(headers, "transfer-encoding");
  const length = field(headers, "content-length");
  const expect = field(headers, "expect")?.toLowerCase();
  if (chunked !== null) {
    if (chunked.toLowerCase() !== "chunked" || length !== null) {
      throw new FramingError(400, "unsupported transfer-encoding");
    }
    if (expect === "100-continue") await writeAll(conn, CONTINUE);
    return {
      headers: headers.filter(([name]) => name !== "transfer-encoding"),
      body: await reader.readChunked(limits.maxBodyBytes),
    };
  }
  if (length === null) return { headers, body: undefined };
  if (!/^\d{1,15}$/.test(length)) throw new FramingError(400, "bad content-length");
  const n = Number(length);
  if (n > limits.maxBodyBytes) throw new FramingError(413, "body too large");
  if (n > 0 && expect === "100-continue") await writeAll(conn, CONTINUE);
  return { headers, body: n === 0 ? new Uint8Array(0) : await reader.readExact(n) };
}

async function writeAll(conn: ServableConn, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += await conn.write(bytes.subarray(offset));
}

/** The error code of a response the HTTP layer gives before any route. */
function framingCode(status: number): ApiErrorCode {
  if (status === 413) return "too_large";
  if (status === 431) return "headers_too_large";
  return status >= 500 ? "internal" : "bad_request";
}

function plain(status: number, message: string): Response {
  const error = { code: framingCode(status), message, retry: status >= 500 };
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
