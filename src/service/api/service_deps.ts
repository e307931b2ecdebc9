/**
 * What every route handler of the core receives: the store, the clock, the
 * public URL, the limits, the log, the metrics and the source-hashing key.
 *
 * @module
 */
import type { InstallVerifier } from "../ingest/install_signature.ts";
import type { Metrics } from "../metrics.ts";
import type { ServiceLimits } from "../service_limits.ts";
import type { ServiceLog } from "../service_log.ts";
import type { HealingStore } from "../store/healing_store.ts";

/** The shared dependencies of the route handlers. */
export interface ServiceDeps {
  store: HealingStore;
  now: () => number;
  publicUrl: string;
  limits: ServiceLimits;
  log: ServiceLog;
  metrics: Metrics;
  /** Verifies signed install requests (with its own key cache). */
  verifier: InstallVerifier;
  /** The hashed quota bucket of a source address (never the raw address). */
  sourceBucket: (address: string | undefined) => Promise<string>;
}
