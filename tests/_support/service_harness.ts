/**
 * The real healing service on 127.0.0.1 port 0 over a temp SQLite file, and
 * a client that signs like caro does (install keys, reports, signed GETs).
 *
 * @module
 */
import { join } from "node:path";
import { createService, type HealingService } from "../../src/service/create_service.ts";
import type { ServiceLimits } from "../../src/service/service_limits.ts";
import type { ServiceLog } from "../../src/service/service_log.ts";
import type { HealingStore } from "../../src/service/store/healing_store.ts";
import { openSqliteStore } from "../../src/service/store/sqlite/sqlite_store.ts";
import { type InstallKey, signRequest } from "../../src/protocol/signed_request.ts";
import { envFrom } from "../../src/platform/env.ts";
export { postReport } from "../../tools/post_report.ts";
export { sampleReport } from "../../tools/sample_report.ts";

/** A running service. */
export interface TestService {
  url: string;
  dir: string;
  dbPath: string;
  store: HealingStore;
  service: HealingService;
  /** Stops the server and closes the store (the temp dir stays until `remove`). */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** Options for {@link startTestService}. */
export interface TestServiceOptions {
  dir?: string;
  limits?: Partial<ServiceLimits>;
  env?: Record<string, string>;
  now?: () => number;
  /** Receives the service's log events (default: none kept). */
  log?: ServiceLog;
  /** Serve this store instead of a new SQLite file in `dir` (`dbPath` is then unused). */
  store?: HealingStore;
}

/** Generous limits so tests measure behaviour, not quotas (unless they ask). */
export const OPEN_LIMITS: Partial<ServiceLimits> = {
  installPerHour: 1e9,
  youngInstallPerHour: 1e9,
  sourcePerHour: 1e9,
  sourceYoungInstallsPerHour: 1e9,
  casePerHour: 1e9,
  globalPerMinute: 1e9,
};

/**
 * Starts the service.
 *
 * @example
 * ```ts ignore
 * const svc = await startTestService();
 * try { await fetch(`${svc.url}/healthz`); } finally { await svc.stop(); await svc.remove(); }
 * ```
 */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dir = options.dir ?? await Deno.makeTempDir({ prefix: "caro-service-test-" });
  const dbPath = join(dir, "healing.db");
  const store = options.store ?? await openSqliteStore(dbPath);
  const ready = Promise.withResolvers<number>();
  const slot: { service?: HealingService } = {};
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: (a) => ready.resolve(a.port) },
    (req, info) => slot.service!.fetch(req, info),
  );
  const url = `http://127.0.0.1:${await ready.promise}`;
  const service = slot.service = await createService({
    store,
    env: envFrom(options.env ?? {}),
    publicUrl: url,
    limits: { ...OPEN_LIMITS, ...options.limits },
    now: options.now,
    log: options.log,
  });
  return {
    url,
    dir,
    dbPath,
    store,
    service,
    async stop() {
      await server.shutdown();
      await service.loop.stop();
      await store.close();
    },
    remove: () => Deno.remove(dir, { recursive: true }),
  };
}

/**
 * A signed request with an empty body (GET notifications, DELETE a report).
 *
 * @example
 * ```ts ignore
 * const res = await signedEmpty(svc.url, key, "GET", "/v1/notifications?since=0");
 * ```
 */
export async function signedEmpty(
  url: string,
  key: InstallKey,
  method: "GET" | "DELETE",
  pathAndQuery: string,
  nowMs = Date.now(),
): Promise<Response> {
  const headers = await signRequest(key, { method, pathAndQuery, body: new Uint8Array() }, nowMs);
  return fetch(`${url}${pathAndQuery}`, { method, headers });
}

/**
 * `X-Hub-Signature-256` of a webhook body, as GitHub signs it.
 *
 * @example
 * ```ts ignore
 * headers["x-hub-signature-256"] = await hubSignature("secret", body);
 * ```
 */
export async function hubSignature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body));
  return "sha256=" +
    Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}
