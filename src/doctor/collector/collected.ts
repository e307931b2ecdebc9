/**
 * The outcome of one probe: either the value, or why it was not collected
 * (a permission not granted, a timeout, a missing file or binary). Probes
 * never throw past {@link runProbe}: the doctor records "not collected: why"
 * and carries on.
 *
 * @module
 */

/** A probe's value, or the reason it is missing. */
export type Collected<T> = { collected: true; value: T } | { collected: false; why: string };

/** Keyed hash of a value with this install's key (`keyedHash` bound to the key). */
export type Hasher = (value: string) => Promise<string>;

/** A probe: does its I/O, honours `signal`, may throw. */
export type Probe<T> = (signal: AbortSignal) => Promise<T>;

/** Thrown by a probe for an expected absence ("ollama not installed"). */
export class NotCollected extends Error {
  constructor(why: string) {
    super(why);
    this.name = "NotCollected";
  }
}

/**
 * Makes a signal that aborts after `ms`. The default is `AbortSignal.timeout`:
 * it does not keep the process alive, and unlike `setTimeout` (Node's timers
 * in Deno 2, ~5 ms to set up in a fresh process) it costs nothing at start-up.
 * Tests pass their own to decide when time is up.
 */
export type TimeoutSignal = (ms: number) => AbortSignal;

const abortAfter: TimeoutSignal = (ms) => AbortSignal.timeout(ms);

/**
 * Runs `probe` with its own timeout inside the caller's budget (`budget`
 * aborts when the whole doctor run is out of time). Whatever happens, it
 * resolves: a probe that ignores its signal is abandoned when the signal
 * fires, a denied permission or an error becomes `{ collected: false, why }`.
 *
 * @example A probe that never answers
 * ```ts
 * import assert from "node:assert/strict";
 * import { runProbe } from "./collected.ts";
 * const result = await runProbe(() => new Promise(() => {}), 10);
 * assert(!result.collected && result.why === "timed out after 10 ms");
 * ```
 */
export function runProbe<T>(
  probe: Probe<T>,
  timeoutMs: number,
  budget?: AbortSignal,
  timeoutSignal: TimeoutSignal = abortAfter,
): Promise<Collected<T>> {
  const timer = timeoutSignal(timeoutMs);
  const signal = budget ? AbortSignal.any([timer, budget]) : timer;
  const reason = () => new ProbeTimeout(timeoutMs, budget?.aborted === true && !timer.aborted);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(reason());
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  // A probe that throws synchronously is caught like one that rejects.
  const running = signal.aborted ? aborted : new Promise<T>((resolve) => resolve(probe(signal)));
  return Promise.race([running, aborted]).then(
    (value): Collected<T> => ({ collected: true, value }),
    (error): Collected<T> => ({
      collected: false,
      why: whyNotCollected(signal.aborted ? reason() : error),
    }),
  ).finally(() => {
    // A listener keeps a timeout signal's timer alive, and with it the process.
    signal.removeEventListener("abort", onAbort);
  });
}

/** The abort reason {@link runProbe} uses. */
class ProbeTimeout extends Error {
  constructor(readonly timeoutMs: number, readonly budget = false) {
    super(budget ? "doctor time budget used up" : `timed out after ${timeoutMs} ms`);
    this.name = "ProbeTimeout";
  }
}

/**
 * A short, user-facing reason for an error thrown by a probe.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { whyNotCollected } from "./collected.ts";
 * const why = whyNotCollected(new Deno.errors.NotCapable('Requires env access to "SHELL"'));
 * assert(why === "permission not granted (env access to SHELL)");
 * ```
 */
export function whyNotCollected(error: unknown): string {
  if (error instanceof ProbeTimeout || error instanceof NotCollected) return error.message;
  if (error instanceof Deno.errors.NotCapable) {
    // Name env vars, binaries and sys calls; never a host or a path (they can be personal).
    const [, kind, target] = /Requires (\w+) access to "?([^",]*)"?/.exec(error.message) ?? [];
    if (!kind) return "permission not granted";
    const named = ["env", "run", "sys"].includes(kind) ? ` to ${target}` : "";
    return `permission not granted (${kind} access${named})`;
  }
  if (error instanceof Deno.errors.PermissionDenied) return "denied by the operating system";
  if (error instanceof Deno.errors.NotFound) return "not found";
  if (error instanceof DOMException && error.name === "AbortError") return "aborted";
  return error instanceof Error ? `failed: ${error.name}` : "failed";
}
