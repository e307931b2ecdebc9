/**
 * The fault proxy against a real upstream (`Deno.serve` on 127.0.0.1): one
 * test per fault kind, forced by giving only that kind a weight. The upstream
 * counts the requests it read completely, so each test also shows what the
 * service saw.
 */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultProxy,
  type FaultProxyOptions,
  pickFault,
  startFaultProxy,
} from "../../tools/chaos/fault_proxy.ts";
import { seededRandom } from "../../tools/chaos/seeded_random.ts";

interface Upstream {
  port: number;
  /** Requests whose body the handler read to the end. */
  completed: number;
  status: number;
  shutdown(): Promise<void>;
}

function startUpstream(status = 201): Upstream {
  const state = { completed: 0, status };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const body = await request.text().catch(() => undefined);
      if (body === undefined) return new Response(null, { status: 400 });
      state.completed++;
      return Response.json({ echoed: body }, { status: state.status });
    },
  );
  return {
    port: server.addr.port,
    get completed() {
      return state.completed;
    },
    get status() {
      return state.status;
    },
    set status(next: number) {
      state.status = next;
    },
    shutdown: () => server.shutdown(),
  };
}

const only = (kind: FaultKind) =>
  Object.fromEntries(FAULT_KINDS.map((k) => [k, k === kind ? 1 : 0])) as Record<FaultKind, number>;

/** Runs `body` with an upstream and a proxy forced to `kind`, then stops both. */
async function withProxy(
  kind: FaultKind,
  body: (proxy: FaultProxy, upstream: Upstream, client: Deno.HttpClient) => Promise<void>,
  extra: Partial<FaultProxyOptions> = {},
): Promise<void> {
  const upstream = startUpstream();
  const proxy = startFaultProxy({
    upstreamPort: upstream.port,
    seed: 42,
    weights: only(kind),
    ...extra,
  });
  // One connection per request, so each request gets its own draw.
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
  try {
    await body(proxy, upstream, client);
  } finally {
    client.close();
    await proxy.close();
    await upstream.shutdown();
  }
}

const post = (proxy: FaultProxy, client: Deno.HttpClient, init: RequestInit = {}) =>
  fetch(`${proxy.url}/v1/reports`, {
    method: "POST",
    body: JSON.stringify({ id: crypto.randomUUID(), padding: "x".repeat(2000) }),
    client,
    ...init,
  });

Deno.test("pass: request and answer go through untouched, the answer's status is counted", () =>
  withProxy("pass", async (proxy, upstream, client) => {
    const response = await post(proxy, client);
    equal(response.status, 201);
    equal((await response.json()).echoed.length > 2000, true);
    equal(upstream.completed, 1);
    deepEqual(proxy.stats().upstreamStatuses, { 201: 1 });
    equal(proxy.stats().faults.pass, 1);
  }));

Deno.test("pass: every answer on a keep-alive connection is counted, 5xx included", async () => {
  const upstream = startUpstream(503);
  const proxy = startFaultProxy({ upstreamPort: upstream.port, seed: 1, mode: "pass" });
  const client = Deno.createHttpClient({});
  try {
    for (let i = 0; i < 3; i++) await (await post(proxy, client)).body?.cancel();
    equal(upstream.completed, 3);
    equal(proxy.stats().connections, 1);
    deepEqual(proxy.stats().upstreamStatuses, { 503: 3 });
  } finally {
    client.close();
    await proxy.close();
    await upstream.shutdown();
  }
});

Deno.test("delay: the request still goes through", () =>
  withProxy("delay", async (proxy, upstream, client) => {
    equal((await post(proxy, client)).status, 201);
    equal(upstream.completed, 1);
    equal(proxy.stats().faults.delay, 1);
  }, { delayMs: { min: 20, max: 40 } }));

Deno.test("reset_mid_request: the client gets no answer and the service reads no whole request", () =>
  withProxy("reset_mid_request", async (proxy, upstream, client) => {
    for (let i = 0; i < 5; i++) await rejects(post(proxy, client));
    equal(upstream.completed, 0);
    equal(proxy.stats().faults.reset_mid_request, 5);
  }));

Deno.test("reset_mid_response: the service handled the request, the client sees a broken answer", () =>
  withProxy("reset_mid_response", async (proxy, upstream, client) => {
    for (let i = 0; i < 5; i++) await rejects(post(proxy, client).then((r) => r.text()));
    equal(upstream.completed, 5);
    deepEqual(proxy.stats().upstreamStatuses, { 201: 5 });
  }));

for (const status of [500, 502, 503, 429]) {
  for (const retryAfter of [false, true]) {
    const kind = `http_${status}${retryAfter ? "_retry_after" : ""}` as FaultKind;
    Deno.test(`${kind}: the proxy answers ${status} itself, the service sees nothing`, () =>
      withProxy(kind, async (proxy, upstream, client) => {
        const response = await post(proxy, client);
        equal(response.status, status);
        equal(response.headers.get("retry-after"), retryAfter ? "2" : null);
        const body = await response.json();
        equal(body.error.code, `injected_${status}`);
        equal(body.error.retry, true);
        equal(body.error.retry_after_s, retryAfter ? 2 : undefined);
        equal(upstream.completed, 0);
        equal(proxy.stats().faults[kind], 1);
        deepEqual(proxy.stats().upstreamStatuses, {});
      }, { retryAfterS: 2 }));
  }
}

Deno.test("black_hole: no answer ever comes, the service sees nothing", () =>
  withProxy("black_hole", async (proxy, upstream, client) => {
    await rejects(post(proxy, client, { signal: AbortSignal.timeout(300) }));
    equal(upstream.completed, 0);
    equal(proxy.stats().faults.black_hole, 1);
  }));

Deno.test("black_hole: closing the proxy releases a client still waiting", () =>
  withProxy("black_hole", async (proxy, _upstream, client) => {
    const waiting = post(proxy, client);
    while (proxy.stats().faults.black_hole === 0) await new Promise((r) => setTimeout(r, 5));
    await proxy.close();
    await rejects(waiting);
  }));

Deno.test("pass mode switch: a proxy set to black-hole everything passes after setMode('pass')", () =>
  withProxy("black_hole", async (proxy, upstream, client) => {
    proxy.setMode("pass");
    equal((await post(proxy, client)).status, 201);
    proxy.setMode("faults");
    await rejects(post(proxy, client, { signal: AbortSignal.timeout(200) }));
    equal(upstream.completed, 1);
    deepEqual({ pass: proxy.stats().faults.pass, hole: proxy.stats().faults.black_hole }, {
      pass: 1,
      hole: 1,
    });
  }));

Deno.test("refused, and mode 'down': every connection is closed at once, the service sees nothing", () =>
  withProxy("refused", async (proxy, upstream, client) => {
    await rejects(post(proxy, client));
    proxy.setMode("pass");
    equal((await post(proxy, client)).status, 201);
    proxy.setMode("down");
    await rejects(post(proxy, client));
    equal(upstream.completed, 1);
    equal(proxy.stats().faults.refused, 2);
  }));

Deno.test("a restarted service: setUpstreamPort follows it; while it is down the client gets no answer", () =>
  withProxy("pass", async (proxy, upstream, client) => {
    await upstream.shutdown();
    await rejects(post(proxy, client));
    equal(proxy.stats().upstreamUnreachable, 1);
    const restarted = startUpstream(200);
    try {
      proxy.setUpstreamPort(restarted.port);
      equal((await post(proxy, client)).status, 200);
      equal(restarted.completed, 1);
    } finally {
      await restarted.shutdown();
    }
  }));

Deno.test("the draw is seeded: the same seed picks the same kinds, and every kind turns up", () => {
  const draw = (seed: number) => {
    const random = seededRandom(seed);
    const weights = Object.fromEntries(FAULT_KINDS.map((k) => [k, 1])) as Record<FaultKind, number>;
    return Array.from({ length: 500 }, () => pickFault(random, weights));
  };
  deepEqual(draw(9), draw(9));
  ok(draw(9).join() !== draw(10).join());
  deepEqual(new Set(draw(9)), new Set(FAULT_KINDS));
});
