/**
 * The retention job: reports are deleted 90 days after their case resolved;
 * contacts as soon as their notice was delivered (fetched by the install,
 * or sent by e-mail — the e-mail job deletes its contact itself), and 90
 * days after they were left at the latest, whatever their case; webhook
 * delivery ids after 30 days; quota windows after a day. Case counts stay.
 * Runs at start and then every interval on injected timers.
 *
 * @module
 */
import type { ServiceLog } from "./service_log.ts";
import type { HealingStore } from "./store/healing_store.ts";
import type { RetentionPolicy } from "./store/retention_port.ts";

const DAY = 86_400_000;

/** The default policy. */
export const RETENTION: Readonly<RetentionPolicy> = {
  resolvedReportMs: 90 * DAY,
  contactMs: 90 * DAY,
  deliveryMs: 30 * DAY,
};

/** Options for {@link startRetention}. */
export interface RetentionOptions {
  store: HealingStore;
  now: () => number;
  log: ServiceLog;
  /** Default: hourly. */
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => number;
  clearInterval?: (id: number) => void;
}

/**
 * Starts the job; returns a stop function that waits for a running pass.
 *
 * @example
 * ```ts ignore
 * const stop = startRetention({ store, now: Date.now, log });
 * await stop();
 * ```
 */
export function startRetention(options: RetentionOptions): () => Promise<void> {
  const { store, now, log } = options;
  let running: Promise<void> = Promise.resolve();
  const pass = () => {
    running = running.then(async () => {
      try {
        const result = await store.purgeExpired(now(), RETENTION);
        if (Object.values(result).some((n) => n > 0)) log("retention", { ...result });
      } catch (error) {
        log("retention_error", { message: String(error).slice(0, 200) });
      }
    });
  };
  pass();
  const set = options.setInterval ?? ((fn, ms) => setInterval(fn, ms) as unknown as number);
  const clear = options.clearInterval ?? clearInterval;
  const id = set(pass, options.intervalMs ?? 3_600_000);
  return async () => {
    clear(id);
    await running;
  };
}
