/**
 * Where text goes: a {@link TextSink} is what every part of caro writes to
 * (progress, prompts, warnings, results), so that the CLI can wire it to
 * stdout and stderr and tests and host programs can capture or drop it.
 *
 * @module
 */
import type { EnvReader } from "./env.ts";

/** A sink for text; the CLI wires these to stdout and stderr. */
export interface TextSink {
  /** Writes `text` as it is (no newline added). */
  write(text: string): void;
  /** Whether the sink is an interactive terminal (colour, spinners, boxes). */
  readonly isTerminal: boolean;
}

/**
 * A sink that drops everything: the default where output is optional.
 *
 * @example Nothing is written
 * ```ts
 * import assert from "node:assert/strict";
 * import { SILENT_SINK } from "./text_sink.ts";
 * SILENT_SINK.write("dropped");
 * assert.equal(SILENT_SINK.isTerminal, false);
 * ```
 */
export const SILENT_SINK: TextSink = { isTerminal: false, write() {} };

/**
 * A {@link TextSink} over a Deno file (stdout or stderr) that writes fully.
 *
 * @example Writing to a file
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileSink } from "./text_sink.ts";
 * const path = await Deno.makeTempFile();
 * using file = await Deno.open(path, { write: true });
 * fileSink(file).write("progress…\n");
 * assert.equal(await Deno.readTextFile(path), "progress…\n");
 * ```
 */
export function fileSink(
  file: { writeSync(p: Uint8Array): number; isTerminal(): boolean },
): TextSink {
  const encoder = new TextEncoder();
  return {
    isTerminal: file.isTerminal(),
    write(text: string) {
      let bytes = encoder.encode(text);
      while (bytes.length > 0) bytes = bytes.subarray(file.writeSync(bytes));
    },
  };
}

/**
 * Whether colour may be used on `sink`: only on a terminal and never with
 * `NO_COLOR` set (https://no-color.org).
 *
 * @example NO_COLOR wins over a terminal
 * ```ts
 * import assert from "node:assert/strict";
 * import { colourAllowed } from "./text_sink.ts";
 * const terminal = { isTerminal: true, write() {} };
 * assert.equal(colourAllowed(terminal, () => "1"), false);
 * assert.equal(colourAllowed(terminal, () => undefined), true);
 * ```
 */
export function colourAllowed(sink: TextSink, env: EnvReader): boolean {
  return sink.isTerminal && env("NO_COLOR") === undefined;
}
