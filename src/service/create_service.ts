/**
 * The healing service as a fetch handler (Hono): the core API of
 * `contracts/healing-api.yaml` plus the loop plug-in's routes (public case
 * pages) and outbox worker. No I/O of its own beyond the store: pass the
 * store, clock, environment and limits in, serve `fetch` with `Deno.serve`
 * (port 0 in tests). Errors never leak internals: an unexpected failure is a
 * JSON 500 with `retry: true` and a log line without report text.
 *
 * @module
 */
import { Hono } from "hono";
import { envFrom, type EnvReader } from "../platform/env.ts";
import { deleteReport, getNotifications } from "./api/install_routes.ts";
import { apiError } from "./api/api_error.ts";
import { postGitHubWebhook, webhookKeys } from "./api/github_webhook.ts";
import { getCase, getKnown } from "./api/lookup_routes.ts";
import { receiveReport } from "./api/receive_report.ts";
import type { ServiceDeps } from "./api/service_deps.ts";
import { createLoopExtension, type LoopExtension } from "./loop_extension.ts";
import { Metrics } from "./metrics.ts";
import { publicKFromEnv } from "./public_k.ts";
import { createInstallVerifier } from "./ingest/install_signature.ts";
import { sourceBucketCache } from "./ingest/source_bucket_cache.ts";
import { DEFAULT_LIMITS, type ServiceLimits } from "./service_limits.ts";
import type { ServiceLog } from "./service_log.ts";
import type { HealingStore } from "./store/healing_store.ts";

/** Options for {@link createService}. */
export interface ServiceOptions {
  store: HealingStore;
  now?: () => number;
  /** Secrets and integrations (`CARO_GITHUB_WEBHOOK_SECRET`, `CARO_SOURCE_HASH_KEY`, …). */
  env?: EnvReader;
  /** Public root URL (tracking links). */
  publicUrl: string;
  limits?: Partial<ServiceLimits>;
  /** k-anonymity threshold of the public answers (default: `CARO_PUBLIC_K` from `env`, else 5). */
  k?: number;
  /** The loop plug-in; default: built from `env` (pages always, GitHub/e-mail when configured). */
  loop?: LoopExtension;
  log?: ServiceLog;
  /** How often the default loop's outbox worker polls (default 5 s). */
  outboxIntervalMs?: number;
}

/** A built service. */
export interface HealingService {
  /** The handler for `Deno.serve` (pass its `info` so quotas see the source address). */
  fetch(req: Request, info?: { remoteAddr: Deno.Addr }): Promise<Response>;
  loop: LoopExtension;
  metrics: Metrics;
}

/**
 * Builds the service.
 *
 * @example
 * ```ts ignore
 * const store = await SqliteStore.open(":memory:");
 * const service = await createService({ store, publicUrl: "http://127.0.0.1:8080" });
 * Deno.serve({ port: 0 }, service.fetch);
 * ```
 */
export async function createService(options: ServiceOptions): Promise<HealingService> {
  const env = options.env ?? envFrom({});
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const metrics = new Metrics();
  const deps: ServiceDeps = {
    store: options.store,
    now,
    publicUrl: options.publicUrl,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    log,
    metrics,
    verifier: createInstallVerifier(),
    sourceBucket: sourceBucketCache(
      await sourceHashKey(env("CARO_SOURCE_HASH_KEY") ?? await storedSourceHashKey(options.store)),
    ),
  };
  const k = options.k ?? publicKFromEnv(env);
  const loop = options.loop ?? await createLoopExtension({
    store: options.store,
    env,
    k,
    publicUrl: options.publicUrl,
    now,
    log,
    intervalMs: options.outboxIntervalMs,
  });
  const secrets = [env("CARO_GITHUB_WEBHOOK_SECRET"), env("CARO_WEBHOOK_SECRET")]
    .filter((s): s is string => !!s);
  const keys = await webhookKeys(secrets);

  const app = new Hono<{ Bindings: { remoteAddr?: Deno.Addr } }>();
  app.post("/v1/reports", (c) => {
    const addr = c.env?.remoteAddr;
    return receiveReport(deps, c.req.raw, addr && "hostname" in addr ? addr.hostname : undefined);
  });
  app.delete("/v1/reports/:id", (c) => deleteReport(deps, c.req.raw, c.req.param("id")));
  app.get("/v1/known/:key", (c) => getKnown(deps, c.req.param("key"), k));
  app.get("/v1/cases/:id", (c) => getCase(deps, c.req.param("id")));
  app.get("/v1/notifications", (c) => getNotifications(deps, c.req.raw));
  app.post("/v1/webhooks/github", (c) => postGitHubWebhook(deps, keys, loop, c.req.raw));
  app.get("/healthz", async () => {
    try {
      await options.store.caseState("CARO-0000-000");
      return Response.json({ status: "ok" });
    } catch {
      return apiError({
        status: 503,
        code: "store_unavailable",
        message: "Store unavailable",
        retry: true,
        retryAfterS: 5,
      });
    }
  });
  app.get("/metrics", async () => {
    const byStatus = await options.store.caseCountsByStatus();
    const text = metrics.render(
      Object.entries(byStatus).map(([status, value]) => ({
        name: "caro_cases",
        help: "Cases by status.",
        labels: { status },
        value,
      })),
    );
    return new Response(text, { headers: { "content-type": "text/plain; version=0.0.4" } });
  });
  app.route("/", loop.routes);
  app.notFound(() =>
    apiError({ status: 404, code: "not_found", message: "No such endpoint", retry: false })
  );
  app.onError((error) => {
    log("internal_error", { message: String(error).slice(0, 200) });
    metrics.inc("caro_internal_errors_total", "Unexpected errors.");
    return apiError({
      status: 500,
      code: "internal",
      message: "Internal error",
      retry: true,
      retryAfterS: 30,
    });
  });
  return {
    fetch: async (req, info) => {
      const res = await app.fetch(req, { remoteAddr: info?.remoteAddr });
      metrics.inc("caro_http_responses_total", "HTTP responses, by status class.", {
        code: `${Math.floor(res.status / 100)}xx`,
      });
      return res;
    },
    loop,
    metrics,
  };
}

/** Without `CARO_SOURCE_HASH_KEY`: a random key made by the first process on this store, so replicas share it. */
async function storedSourceHashKey(store: HealingStore): Promise<string> {
  const fresh = crypto.getRandomValues(new Uint8Array(32));
  return await store.sharedSecret("source_hash_key", btoa(String.fromCharCode(...fresh)));
}

async function sourceHashKey(secret: string): Promise<CryptoKey> {
  const raw = new TextEncoder().encode(secret);
  return await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
}
