/**
 * The server side of `bench/ingest_bench.ts`, in its own process (one JS
 * thread = one core): `bare` serves a hello handler, `ingest` the healing
 * service over a temp SQLite file with quotas opened up. Prints its port.
 *
 * @module
 */
import { join } from "node:path";
import { createService } from "../src/service/create_service.ts";
import { openSqliteStore } from "../src/service/store/sqlite/sqlite_store.ts";

const mode = Deno.args[0];
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
  const store = await openSqliteStore(join(dir, "healing.db"));
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
const server = Deno.serve({
  port: 0,
  hostname: "127.0.0.1",
  onListen: ({ port }) => Deno.stdout.writeSync(new TextEncoder().encode(`${port}\n`)),
}, handler);
Deno.addSignalListener("SIGTERM", async () => {
  await server.shutdown();
  await cleanup();
  Deno.exit(0);
});
