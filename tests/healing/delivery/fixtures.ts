/**
 * Shared pieces of the delivery tests: a real healing-like HTTP server on
 * 127.0.0.1 that verifies signatures and counts what arrives, a fake clock
 * for the waits, a fresh install key and a report body.
 */
import { createClock } from "@sinonjs/fake-timers";
import { verifySignedRequest } from "../../../src/protocol/signed_request.ts";

/** One request the server saw. */
export interface Seen {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: Uint8Array;
  signatureOk: boolean;
}

/** A running test service. */
export interface TestService {
  url: string;
  seen: Seen[];
  /** Accepted report ids, once each (what a real service would keep). */
  accepted: Map<string, number>;
  close(): Promise<void>;
}

/** What the handler decides for one request: a response, or `"hang"` (never answer). */
export type Reply = Response | "hang";

/**
 * Starts a service whose answers come from `reply(request number, seen)`;
 * `acceptReport` builds the normal 201/200 answer and counts the report.
 */
export function startService(
  reply: (n: number, seen: Seen, service: TestService) => Reply | Promise<Reply>,
): TestService {
  const hanging: (() => void)[] = [];
  const service: TestService = {
    url: "",
    seen: [],
    accepted: new Map(),
    close: async () => {
      hanging.forEach((release) => release());
      await server.shutdown();
    },
  };
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    const check = await verifySignedRequest(
      request.headers,
      { method: request.method, pathAndQuery: url.pathname + url.search, body },
      Date.now(),
      Number.MAX_SAFE_INTEGER,
    );
    const seen: Seen = {
      method: request.method,
      path: url.pathname + url.search,
      idempotencyKey: request.headers.get("idempotency-key"),
      body,
      signatureOk: check.ok,
    };
    service.seen.push(seen);
    const answer = await reply(service.seen.length, seen, service);
    if (answer !== "hang") return answer;
    await new Promise<void>((resolve) => hanging.push(resolve));
    return new Response("late", { status: 500 });
  });
  service.url = `http://127.0.0.1:${server.addr.port}`;
  return service;
}

/** The normal answer to a report: 201 the first time, 200 with the same body after. */
export function acceptReport(seen: Seen, service: TestService): Response {
  const id = seen.idempotencyKey ?? "missing";
  const again = service.accepted.has(id);
  service.accepted.set(id, (service.accepted.get(id) ?? 0) + 1);
  const caseId = `CARO-2026-${
    String(1 + [...service.accepted.keys()].indexOf(id)).padStart(4, "0")
  }`;
  return Response.json({
    case_id: caseId,
    status: "open",
    track_url: `${service.url}/cases/${caseId}`,
    report_id: id,
  }, { status: again ? 200 : 201 });
}

/** An error answer in the API's shape. */
export function errorReply(status: number, headers: Record<string, string> = {}): Response {
  return Response.json(
    { error: { code: `http_${status}`, message: `test says ${status}`, retry: status >= 500 } },
    { status, headers },
  );
}

/** A fake clock: `now` and a `sleep` that advances it instantly, counting the waits. */
export function fakeTime(start = Date.UTC(2026, 10, 30, 12)) {
  const clock = createClock(start);
  const waits: number[] = [];
  return {
    clock,
    waits,
    now: () => clock.now,
    sleep: (ms: number) => {
      waits.push(ms);
      clock.tick(ms);
      return Promise.resolve();
    },
  };
}

/** A report body (bytes as they would be sent). */
export function reportBody(reportId: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ schema_version: 1, report_id: reportId, failure: { type: "generation" } }),
  );
}

/** A port on 127.0.0.1 where nothing listens. */
export function deadPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A TCP server on 127.0.0.1 that accepts and never answers; counts connections. */
export function blackHole() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open: Deno.Conn[] = [];
  const loop = (async () => {
    for await (const conn of listener) open.push(conn);
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    requests: () => open.length,
    stop: async () => {
      listener.close();
      open.forEach((conn) => conn.close());
      await loop;
    },
  };
}
