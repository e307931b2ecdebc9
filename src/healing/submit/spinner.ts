/**
 * A one-line spinner on stderr while the user waits for a report to be sent,
 * only when stderr is a terminal (never in logs, pipes or CI output). Its
 * text may be a function, read at every frame: the delivery shows a
 * countdown to the moment it stops waiting and leaves the report queued.
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";

/** A running spinner. */
export interface Spinner {
  /** Replaces the text after the spinner frame. */
  update(text: string | (() => string)): void;
  /** Clears the line. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Starts a spinner on `sink` with `text`; a no-op when the sink is not a terminal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startSpinner } from "./spinner.ts";
 * let out = "";
 * const spinner = startSpinner({ isTerminal: false, write: (t) => { out += t; } }, "sending");
 * spinner.stop();
 * assert(out === "");
 * ```
 */
export function startSpinner(
  sink: TextSink | undefined,
  text: string | (() => string),
): Spinner {
  if (!sink?.isTerminal) return { update() {}, stop() {} };
  let frame = 0;
  let current = text;
  const draw = () =>
    sink.write(
      `\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${
        typeof current === "string" ? current : current()
      }`,
    );
  draw();
  const timer = setInterval(draw, 100);
  return {
    update(next) {
      current = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      sink.write("\r\x1b[K");
    },
  };
}
