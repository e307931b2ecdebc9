/**
 * The healing service process (`deno task service --port 0 --db FILE|postgres://…
 * --public-url URL`). Prints exactly `listening on http://127.0.0.1:<port>` as
 * its first stdout line; logs JSON lines on stderr (never report text).
 * Secrets and integrations come from the environment
 * (`CARO_GITHUB_WEBHOOK_SECRET` or `CARO_WEBHOOK_SECRET`, `CARO_SOURCE_HASH_KEY`,
 * `CARO_GITHUB_*`, `CARO_SMTP_*`, `CARO_LIMIT_*`, `CARO_PUBLIC_K`). SIGINT/SIGTERM
 * stop it cleanly. It binds before it opens the database, so a taken port is
 * one line (`port 8080 on 127.0.0.1 is already in use`) and no database file.
 * The CLI never imports this file.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { CaroError, UsageError } from "../errors.ts";
import { processEnv } from "../platform/env.ts";
import { apiError } from "./api/api_error.ts";
import { createService, type HealingService } from "./create_service.ts";
import { startRetention } from "./retention.ts";
import { publicKFromEnv } from "./public_k.ts";
import { limitsFromEnv } from "./service_limits.ts";
import { jsonLineLog } from "./service_log.ts";
import type { HealingStore } from "./store/healing_store.ts";
import { openStore } from "./store/open_store.ts";
import { type HttpServer, type HttpServerOptions, startHttpServer } from "./http/http_server.ts";
import { positiveIntegerFlag, serverLimitsFromFlags } from "./http/server_flags.ts";
import { urlHost } from "./url_host.ts";

const encoder = new TextEncoder();
const SHUTDOWN_BUDGET_MS = 9_000;

/** {@link startHttpServer}, with a port or address this host cannot listen on as one line. */
function listen(options: HttpServerOptions): HttpServer {
  try {
    return startHttpServer(options);
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new CaroError(`port ${options.port} on ${options.hostname} is already in use`, {
        cause: error,
      });
    }
    if (
      error instanceof Deno.errors.AddrNotAvailable || error instanceof Deno.errors.PermissionDenied
    ) {
      const where = `${urlHost(options.hostname)}:${options.port}`;
      throw new CaroError(`cannot listen on ${where}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      db: { type: "string" },
      "public-url": { type: "string" },
      "max-connections": { type: "string" },
      "header-timeout-ms": { type: "string" },
      "body-timeout-ms": { type: "string" },
      "idle-timeout-ms": { type: "string" },
      "outbox-lease-ms": { type: "string" },
      "outbox-interval-ms": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected 0–65535, got "${values.port}"`);
  }
  if (!values.db) throw new UsageError("--db is required (a file path or a postgres:// URL)");
  const serverLimits = serverLimitsFromFlags(values);
  const log = jsonLineLog((line) => Deno.stderr.writeSync(encoder.encode(line)), Date.now);
  const limits = limitsFromEnv(processEnv);
  const k = publicKFromEnv(processEnv);
  const leaseMs = values["outbox-lease-ms"] === undefined
    ? undefined
    : positiveIntegerFlag("outbox-lease-ms", values["outbox-lease-ms"]);
  const outboxIntervalMs = values["outbox-interval-ms"] === undefined
    ? undefined
    : positiveIntegerFlag("outbox-interval-ms", values["outbox-interval-ms"]);
  const stopped = Promise.withResolvers<void>();
  const slot: { service?: HealingService } = {};
  // Bind first: a taken port ends the start before the database is created or migrated,
  // and port 0 picks a free port, so the service is built with the real URL. Until it is
  // built, requests are answered 503 "starting".
  const server = listen({
    port,
    hostname: values.host,
    limits: serverLimits,
    log,
    handler: (req, info) =>
      slot.service?.fetch(req, info) ??
        Promise.resolve(apiError({
          status: 503,
          code: "starting",
          message: "Starting",
          retry: true,
          retryAfterS: 1,
        })),
  });
  const boundPort = server.port;
  const origin = `http://${urlHost(values.host)}:${boundPort}`;
  let store: HealingStore | undefined;
  let service: HealingService;
  try {
    store = await openStore(values.db, { leaseMs });
    service = slot.service = await createService({
      store,
      env: processEnv,
      publicUrl: values["public-url"] ?? origin,
      limits,
      k,
      log,
      outboxIntervalMs,
    });
  } catch (error) {
    // Without this the open listener would keep the process alive after the error line.
    await server.shutdown(0);
    await store?.close();
    throw error;
  }
  Deno.stdout.writeSync(encoder.encode(`listening on ${origin}\n`));
  log("started", {
    port: boundPort,
    store: /^postgres/i.test(values.db) ? "postgres" : "sqlite",
    github: service.loop.enabled.github,
    email: service.loop.enabled.email,
  });
  service.loop.start();
  const stopRetention = startRetention({ store, now: Date.now, log });
  const onSignal = () => stopped.resolve();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  await stopped.promise;
  log("stopping", {});
  // Whatever the outbox or the clients hold, exit within SHUTDOWN_BUDGET_MS: running
  // requests get a grace period, a running outbox job keeps its lease and is taken
  // over later (by this process after a restart or by another replica).
  const deadline = setTimeout(() => {
    log("stop_forced", {});
    Deno.exit(0);
  }, SHUTDOWN_BUDGET_MS);
  await server.shutdown(3_000);
  let grace: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all([stopRetention(), service.loop.stop()]),
    new Promise((resolve) => grace = setTimeout(resolve, 3_000)),
  ]);
  clearTimeout(grace);
  await store.close();
  clearTimeout(deadline);
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
  return 0;
}

try {
  Deno.exitCode = await main(Deno.args);
} catch (error) {
  const known = error instanceof CaroError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  Deno.stderr.writeSync(encoder.encode(`caro-service: ${(error as Error).message}\n`));
  if (!known) throw error;
  Deno.exitCode = error instanceof CaroError ? error.exitCode : 2;
}
