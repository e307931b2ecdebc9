/**
 * A background loop that drains the outbox every `intervalMs` (GitHub and
 * e-mail jobs by kind), one drain at a time, until stopped. Timers are
 * injected so tests drive it with fake timers.
 *
 * @module
 */
import type { ClaimedJob } from "../store/outbox_port.ts";
import { drainOutbox, type DrainPort, type DrainResult } from "./drain_outbox.ts";

/** Options for {@link startOutboxWorker}. */
export interface OutboxWorkerOptions {
  outbox: DrainPort;
  /** Job kind → handler. */
  handlers: Record<string, (job: ClaimedJob) => Promise<void>>;
  intervalMs: number;
  now: () => number;
  setInterval?: (fn: () => void, ms: number) => number;
  clearInterval?: (id: number) => void;
  /** Called after each drain (logs, metrics); never with report text. */
  onDrain?: (result: DrainResult) => void;
  onError?: (error: unknown) => void;
}

/** A running worker. */
export interface OutboxWorker {
  /** Runs one drain now (also what the timer calls). */
  tick(): Promise<DrainResult | undefined>;
  /** Stops the timer and waits for a running drain (which claims no further job). */
  stop(): Promise<void>;
}

/**
 * Starts the loop.
 *
 * @example
 * ```ts ignore
 * const worker = startOutboxWorker({ outbox: store, handlers, intervalMs: 5_000, now: Date.now });
 * await worker.stop();
 * ```
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const set = options.setInterval ??
    ((fn: () => void, ms: number) => setInterval(fn, ms) as unknown as number);
  const clear = options.clearInterval ?? ((id: number) => clearInterval(id));
  const kinds = Object.keys(options.handlers);
  let running: Promise<DrainResult | undefined> | undefined;
  let stopped = false;
  const tick = () => {
    if (running) return running;
    running = drainOutbox(
      options.outbox,
      kinds,
      (job) => {
        const handler = options.handlers[job.kind];
        return handler(job);
      },
      options.now,
      20,
      () => stopped,
    )
      .then((result) => {
        options.onDrain?.(result);
        return result;
      }, (error) => {
        options.onError?.(error);
        return undefined;
      })
      .finally(() => running = undefined);
    return running;
  };
  const timer = set(() => void tick(), options.intervalMs);
  return {
    tick,
    async stop() {
      stopped = true;
      clear(timer);
      await running;
    },
  };
}
