/**
 * The server side of `bench/ingest_bench.ts`, in its own process (one JS
 * thread = one core): `bare` serves a hello handler on `Deno.serve`,
 * `ingest [postgres://…]` the healing service with quotas opened up over a
 * temp SQLite file (or the given PostgreSQL database) through the service's
 * own HTTP server (`src/service/http/http_server.ts`, as `main.ts` runs it;
 * `--deno-serve` serves it with `Deno.serve` instead, to measure what that
 * server costs). Prints its port.
 *
 * @module
 */
import { join } from "node:path";
import { createService } from "../src/service/create_service.ts";
import { startHttpServer } from "../src/service/http/http_server.ts";
import { DEFAULT_SERVER_LIMITS } from "../src/service/http/server_limits.ts";
import { openStore } from "../src/service/store/open_store.ts";

const mode = Deno.args[0];
const pgUrl = Deno.args.find((a) => a.startsWith("postgres"));
const denoServe = mode === "bare" || Deno.args.includes("--deno-serve");
const unlimited = 1e12;
let handler: (req: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;
let cleanup = () => Promise.resolve();
if (mode === "bare") {
  handler = async (req) => {
    await req.arrayBuffer();
    return new Response("hello");
  };
} else {
  const dir = await Deno.makeTempDir({ prefix: "caro-ingest-bench-" });
  const store = await openStore(pgUrl ?? join(dir, "healing.db"));
  const service = await createService({
    store,
    publicUrl: "http://127.0.0.1",
    limits: {
      installPerHour: unlimited,
      youngInstallPerHour: unlimited,
      sourcePerHour: unlimited,
      sourceYoungInstallsPerHour: unlimited,
      casePerHour: unlimited,
      globalPerMinute: unlimited,
    },
  });
  handler = (req, info) => service.fetch(req, info);
  cleanup = async () => {
    const counts = await store.caseCounts();
    const reports = counts.reduce((n, c) => n + c.reports, 0);
    Deno.stderr.writeSync(new TextEncoder().encode(`stored ${reports} reports\n`));
    await store.close();
    await Deno.remove(dir, { recursive: true });
  };
}
const say = (port: number) => Deno.stdout.writeSync(new TextEncoder().encode(`${port}\n`));
let shutdown: () => Promise<void>;
if (denoServe) {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: ({ port }) => say(port) },
    handler,
  );
  shutdown = () => server.shutdown();
} else {
  const server = startHttpServer({
    hostname: "127.0.0.1",
    port: 0,
    // No connection cap: the open-loop phase may open more connections than 256.
    limits: { ...DEFAULT_SERVER_LIMITS, maxConnections: 100_000 },
    handler: async (req, info) => await handler(req, info as Deno.ServeHandlerInfo),
  });
  say(server.port);
  shutdown = () => server.shutdown(1_000);
}
Deno.addSignalListener("SIGTERM", async () => {
  await shutdown();
  await cleanup();
  Deno.exit(0);
});
