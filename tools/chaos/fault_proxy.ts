/**
 * A fault-injecting TCP proxy on 127.0.0.1, between the caro client and the
 * healing service. For every accepted connection a seeded random draw picks
 * one fault kind (see {@link FAULT_KINDS}):
 *
 * - `pass`: bytes flow both ways untouched (keep-alive included);
 * - `delay`: like pass, after a random pause;
 * - `reset_mid_request`: a random prefix of the request reaches the service,
 *   then both sockets are closed: nothing was stored, no answer;
 * - `reset_mid_response`: the whole request reaches the service (it stores the
 *   report), then only a random prefix of its answer reaches the client;
 * - `http_500` … `http_429_retry_after`: the proxy answers itself with that
 *   status (with or without `Retry-After`) in the API's error shape, and the
 *   service never sees the request;
 * - `black_hole`: the request is read and never answered until the client
 *   gives up (or the proxy closes);
 * - `refused`: the connection is closed at once, unread (weight 0 by default;
 *   every connection while the mode is `down`, an outage);
 * - a hostile service, answering itself: `hostile_answer` (a 500 whose
 *   message carries escape sequences, an OSC 52 clipboard write and U+202E),
 *   `huge_answer` (200 declaring 300 MB, then streaming junk), `redirect`
 *   (307 to another port) and `absurd_retry_after` (429 with
 *   `Retry-After: 1000000000`, 31 years).
 *
 * It counts connections per fault kind, and the status of every answer the
 * real service gave through it (`upstreamStatuses`), so a chaos run can tell
 * injected 5xx from real ones. `setMode("pass")` turns injection off for new
 * connections; `setUpstreamPort` follows a restarted service.
 *
 * Run alone: `deno run --allow-net=127.0.0.1 tools/chaos/fault_proxy.ts
 * --upstream 8080 --seed 1` prints `listening on http://127.0.0.1:<port>`,
 * and the counts as JSON on stderr at SIGINT.
 *
 * @module
 */
import { messageLength, parseHead, responseStatus } from "./http_message.ts";
import { type SeededRandom, seededRandom } from "./seeded_random.ts";

/** Every fault kind the proxy can pick for a connection. */
export const FAULT_KINDS = [
  "pass",
  "delay",
  "reset_mid_request",
  "reset_mid_response",
  "http_500",
  "http_500_retry_after",
  "http_502",
  "http_502_retry_after",
  "http_503",
  "http_503_retry_after",
  "http_429",
  "http_429_retry_after",
  "black_hole",
  "refused",
  "hostile_answer",
  "huge_answer",
  "redirect",
  "absurd_retry_after",
] as const;
/** @see {@link FAULT_KINDS} */
export type FaultKind = typeof FAULT_KINDS[number];

/** Relative weights of the kinds when injection is on: half the connections misbehave. */
export const DEFAULT_WEIGHTS: Readonly<Record<FaultKind, number>> = {
  pass: 10,
  delay: 3,
  reset_mid_request: 2,
  reset_mid_response: 2,
  http_500: 1,
  http_500_retry_after: 1,
  http_502: 1,
  http_502_retry_after: 1,
  http_503: 1,
  http_503_retry_after: 1,
  http_429: 1,
  http_429_retry_after: 1,
  black_hole: 1,
  refused: 0,
  hostile_answer: 1,
  huge_answer: 1,
  redirect: 1,
  // Each one stops its install for a day (24 h, capped): rarer than the rest.
  absurd_retry_after: 0.3,
};

/** Options for {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Port of the service on 127.0.0.1. */
  upstreamPort: number;
  seed: number;
  /** Relative weights; kinds left out keep {@link DEFAULT_WEIGHTS}, 0 switches one off. */
  weights?: Partial<Record<FaultKind, number>>;
  /** `pass` forwards every connection untouched. Default `faults`. */
  mode?: ProxyMode;
  /** Range of the `delay` pause. Default 50–400 ms. */
  delayMs?: { min: number; max: number };
  /** `Retry-After` seconds on the answers that carry one; a list is drawn from. Default 1. */
  retryAfterS?: number | readonly number[];
}

/**
 * Whether the proxy injects faults, passes everything, or is `down` (every
 * connection closed at once, unread: an outage, counted as `refused`).
 */
export type ProxyMode = "faults" | "pass" | "down";

/** What the proxy did so far. */
export interface ProxyStats {
  connections: number;
  /** Connections per fault kind (`pass` includes the ones in pass mode). */
  faults: Record<FaultKind, number>;
  /** Answers of the real service seen by the proxy, by status code. */
  upstreamStatuses: Record<number, number>;
  /** Connections that found the service down (closed without an answer). */
  upstreamUnreachable: number;
}

/** A running proxy. */
export interface FaultProxy {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  setMode(mode: ProxyMode): void;
  setUpstreamPort(port: number): void;
  /** A copy of the counts. */
  stats(): ProxyStats;
  /** Stops accepting, closes every open connection, waits for the handlers. */
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};
const MAX_BUFFERED = 1 << 20;

/**
 * Starts the proxy on 127.0.0.1, a free port.
 *
 * @example Everything passes in pass mode
 * ```ts
 * import assert from "node:assert/strict";
 * import { startFaultProxy } from "./fault_proxy.ts";
 * const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => new Response("hi"));
 * const proxy = startFaultProxy({ upstreamPort: server.addr.port, seed: 1, mode: "pass" });
 * assert((await (await fetch(proxy.url)).text()) === "hi");
 * await proxy.close();
 * await server.shutdown();
 * ```
 */
export function startFaultProxy(options: FaultProxyOptions): FaultProxy {
  const random = seededRandom(options.seed);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const delay = options.delayMs ?? { min: 50, max: 400 };
  const retryAfterChoices = [options.retryAfterS ?? 1].flat();
  let mode: ProxyMode = options.mode ?? "faults";
  let upstreamPort = options.upstreamPort;
  const stats: ProxyStats = {
    connections: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    upstreamStatuses: {},
    upstreamUnreachable: 0,
  };
  const open = new Set<Deno.Conn>();
  const handlers = new Set<Promise<void>>();
  const stopping = new AbortController();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });

  const track = (conn: Deno.Conn) => {
    open.add(conn);
    return conn;
  };
  const closeConn = (conn: Deno.Conn | undefined) => {
    if (!conn || !open.delete(conn)) return;
    try {
      conn.close();
    } catch { /* already closed */ }
  };
  const countStatus = (status: number) => {
    stats.upstreamStatuses[status] = (stats.upstreamStatuses[status] ?? 0) + 1;
  };
  const connectUpstream = async (): Promise<Deno.Conn | undefined> => {
    try {
      return track(await Deno.connect({ hostname: "127.0.0.1", port: upstreamPort }));
    } catch {
      stats.upstreamUnreachable++;
      return undefined;
    }
  };

  const handle = async (client: Deno.Conn) => {
    const kind = mode === "pass"
      ? "pass"
      : mode === "down"
      ? "refused"
      : pickFault(random, weights);
    stats.faults[kind]++;
    let upstream: Deno.Conn | undefined;
    try {
      if (kind === "refused") return;
      if (kind === "pass" || kind === "delay") {
        if (kind === "delay") await sleep(random.int(delay.min, delay.max), stopping.signal);
        if (stopping.signal.aborted) return;
        upstream = await connectUpstream();
        if (upstream) await pipeBoth(client, upstream, countStatus);
        return;
      }
      if (kind === "black_hole") {
        await drain(client);
        return;
      }
      const request = await readMessage(client, "request");
      if (!request) return;
      if (kind.startsWith("http_")) {
        await writeAll(client, injectedAnswer(kind, random.pick(retryAfterChoices)));
        return;
      }
      if (kind in HOSTILE_HEADS) {
        await writeAll(client, hostileAnswer(kind as keyof typeof HOSTILE_HEADS));
        if (kind === "huge_answer") {
          const junk = new Uint8Array(64 * 1024).fill(0x78);
          for (let i = 0; i < 16 && !stopping.signal.aborted; i++) await writeAll(client, junk);
        }
        return;
      }
      upstream = await connectUpstream();
      if (!upstream) return;
      if (kind === "reset_mid_request") {
        await writeAll(upstream, request.subarray(0, random.int(1, request.length - 1)));
        return;
      }
      await writeAll(upstream, request);
      const answer = await readMessage(upstream, "response");
      if (!answer) return;
      const head = parseHead(answer);
      if (head) countStatus(responseStatus(head));
      await writeAll(client, answer.subarray(0, random.int(0, answer.length - 1)));
    } catch {
      // A peer went away: that is what this proxy is for.
    } finally {
      closeConn(upstream);
      closeConn(client);
    }
  };

  const accepting = (async () => {
    for await (const conn of listener) {
      stats.connections++;
      const handler = handle(track(conn));
      handlers.add(handler);
      handler.finally(() => handlers.delete(handler));
    }
  })().catch(() => {/* listener closed */});

  const port = (listener.addr as Deno.NetAddr).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => void (mode = next),
    setUpstreamPort: (next) => void (upstreamPort = next),
    stats: () => structuredClone(stats),
    async close() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      listener.close();
      await accepting;
      for (const conn of [...open]) closeConn(conn);
      await Promise.allSettled([...handlers]);
    },
  };
}

/**
 * Picks a fault kind by weight.
 *
 * @example Only one kind has weight
 * ```ts
 * import assert from "node:assert/strict";
 * import { pickFault, FAULT_KINDS } from "./fault_proxy.ts";
 * import { seededRandom } from "./seeded_random.ts";
 * const weights = Object.fromEntries(FAULT_KINDS.map((k) => [k, k === "black_hole" ? 1 : 0]));
 * assert(pickFault(seededRandom(1), weights as never) === "black_hole");
 * ```
 */
export function pickFault(random: SeededRandom, weights: Record<FaultKind, number>): FaultKind {
  const total = FAULT_KINDS.reduce((sum, kind) => sum + Math.max(0, weights[kind]), 0);
  let point = random.next() * total;
  for (const kind of FAULT_KINDS) {
    point -= Math.max(0, weights[kind]);
    if (point < 0) return kind;
  }
  return "pass";
}

function injectedAnswer(kind: FaultKind, retryAfterS: number): Uint8Array {
  const status = Number(kind.slice(5, 8));
  const withRetryAfter = kind.endsWith("_retry_after");
  const body = JSON.stringify({
    error: {
      code: `injected_${status}`,
      message: "fault injected by the chaos proxy",
      retry: true,
      ...(withRetryAfter ? { retry_after_s: retryAfterS } : {}),
    },
  });
  const head = [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    "content-type: application/json",
    `content-length: ${new TextEncoder().encode(body).length}`,
    "connection: close",
    ...(withRetryAfter ? [`retry-after: ${retryAfterS}`] : []),
  ];
  return new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/** Escapes, a clipboard write and a right-to-left override: what a terminal must never see. */
const EVIL = "\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[31mWARNING\u001b[0m\u202Etxt.exe";

/** The head (and small body) of each hostile answer. */
const HOSTILE_HEADS = {
  hostile_answer: {
    status: "500 Internal Server Error",
    headers: ["content-type: application/json"],
    body: JSON.stringify({ error: { code: `x${EVIL}`, message: `hostile ${EVIL}`, retry: true } }),
  },
  huge_answer: {
    status: "200 OK",
    headers: ["content-type: application/json", "content-length: 314572800"],
    body: "",
  },
  redirect: {
    status: "307 Temporary Redirect",
    headers: ["location: http://127.0.0.1:9/v1/reports"],
    body: "",
  },
  absurd_retry_after: {
    status: "429 Too Many Requests",
    headers: ["content-type: application/json", "retry-after: 1000000000"],
    body: JSON.stringify({ error: { code: "rate_limited", message: `slow ${EVIL}` } }),
  },
} as const;

function hostileAnswer(kind: keyof typeof HOSTILE_HEADS): Uint8Array {
  const { status, headers, body } = HOSTILE_HEADS[kind];
  const length = headers.some((h) => h.startsWith("content-length"))
    ? []
    : [`content-length: ${new TextEncoder().encode(body).length}`];
  const head = [`HTTP/1.1 ${status}`, ...headers, ...length, "connection: close"];
  return new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/** Reads one whole HTTP message (or what came before EOF); `undefined` if nothing came. */
async function readMessage(
  conn: Deno.Conn,
  kind: "request" | "response",
): Promise<Uint8Array | undefined> {
  let buffered = new Uint8Array(0);
  const chunk = new Uint8Array(16 * 1024);
  while (true) {
    const length = messageLength(buffered, kind);
    if (length !== undefined) return buffered.subarray(0, length);
    const n = await conn.read(chunk);
    if (n === null || buffered.length > MAX_BUFFERED) {
      return buffered.length ? buffered : undefined;
    }
    const grown = new Uint8Array(buffered.length + n);
    grown.set(buffered);
    grown.set(chunk.subarray(0, n), buffered.length);
    buffered = grown;
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}

async function drain(conn: Deno.Conn): Promise<void> {
  const sink = new Uint8Array(16 * 1024);
  while ((await conn.read(sink)) !== null) { /* swallowed */ }
}

/** Copies both ways until one side closes; reports every response status seen upstream. */
async function pipeBoth(
  client: Deno.Conn,
  upstream: Deno.Conn,
  onStatus: (status: number) => void,
): Promise<void> {
  const copy = async (from: Deno.Conn, to: Deno.Conn, watch?: (bytes: Uint8Array) => void) => {
    const chunk = new Uint8Array(16 * 1024);
    try {
      while (true) {
        const n = await from.read(chunk);
        if (n === null) return;
        watch?.(chunk.subarray(0, n));
        await writeAll(to, chunk.subarray(0, n));
      }
    } catch { /* either side closed */ }
  };
  let pending = new Uint8Array(0);
  const watchResponses = (bytes: Uint8Array) => {
    if (pending.length > MAX_BUFFERED) return;
    const grown = new Uint8Array(pending.length + bytes.length);
    grown.set(pending);
    grown.set(bytes, pending.length);
    pending = grown;
    let length: number | undefined;
    while ((length = messageLength(pending, "response")) !== undefined) {
      onStatus(responseStatus(parseHead(pending)!));
      pending = pending.subarray(length);
    }
  };
  await Promise.race([copy(client, upstream), copy(upstream, client, watchResponses)]);
  // A response that ends with the connection (no length) is counted at EOF.
  const head = parseHead(pending);
  if (head) onStatus(responseStatus(head));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

if (import.meta.main) {
  const arg = (name: string) => {
    const at = Deno.args.indexOf(name);
    return at >= 0 ? Deno.args[at + 1] : undefined;
  };
  const upstreamPort = Number(arg("--upstream"));
  if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) {
    Deno.stderr.writeSync(
      new TextEncoder().encode(
        "usage: fault_proxy.ts --upstream PORT [--seed N] [--pass]\n",
      ),
    );
    Deno.exit(2);
  }
  const proxy = startFaultProxy({
    upstreamPort,
    seed: Number(arg("--seed") ?? 1),
    mode: Deno.args.includes("--pass") ? "pass" : "faults",
  });
  Deno.stdout.writeSync(new TextEncoder().encode(`listening on ${proxy.url}\n`));
  Deno.addSignalListener("SIGINT", async () => {
    await proxy.close();
    Deno.stderr.writeSync(new TextEncoder().encode(`${JSON.stringify(proxy.stats())}\n`));
    Deno.exit(0);
  });
}
