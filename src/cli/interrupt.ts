/**
 * Ctrl-C as an abort signal, for the stretch of a command that must finish
 * its bookkeeping instead of dying (sending a report that is already
 * queued): while `run` runs, SIGINT aborts the signal it is given instead of
 * ending the process; afterwards Ctrl-C works as before.
 *
 * @module
 */

/**
 * Runs `run` with a signal that SIGINT aborts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { whileInterruptible } from "./interrupt.ts";
 * const aborted = await whileInterruptible((signal) => Promise.resolve(signal.aborted));
 * assert.equal(aborted, false);
 * ```
 */
export async function whileInterruptible<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  // The reason is what a request stopped by it says ("stopped: interrupted (Ctrl-C)").
  const abort = () => controller.abort("interrupted (Ctrl-C)");
  Deno.addSignalListener("SIGINT", abort);
  try {
    return await run(controller.signal);
  } finally {
    Deno.removeSignalListener("SIGINT", abort);
  }
}
