/**
 * Structured logs of the service: one JSON object per line
 * (`{"ts", "event", …fields}`). Callers pass ids, counts, codes and
 * durations, never report text, contacts, addresses or secrets.
 *
 * @module
 */

/** A log sink: an event name and flat fields (never named `ts` or `event`: the line's own). */
export type ServiceLog = (
  event: string,
  fields?: Record<string, unknown> & { ts?: never; event?: never },
) => void;

/**
 * A log writing JSON lines to `write` (e.g. stderr), stamped by `now`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonLineLog } from "./service_log.ts";
 * const lines: string[] = [];
 * jsonLineLog((l) => lines.push(l), () => 0)("started", { port: 8080 });
 * assert(lines[0] === '{"ts":"1970-01-01T00:00:00.000Z","event":"started","port":8080}\n');
 * ```
 */
export function jsonLineLog(write: (line: string) => void, now: () => number): ServiceLog {
  return (event, fields = {}) => {
    write(JSON.stringify({ ts: new Date(now()).toISOString(), event, ...fields }) + "\n");
  };
}
