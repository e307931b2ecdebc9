/**
 * Everything a subcommand needs from the outside world, passed in so tests
 * can run commands in-process against temp dirs and captured output.
 *
 * @module
 */
import type { ConsentLevel } from "../protocol/report/schema.ts";
import type { EnvReader } from "../platform/env.ts";

/** A sink for text; `main.ts` wires these to stdout and stderr. */
export interface TextSink {
  write(text: string): void;
  /** Whether the sink is an interactive terminal (colour, spinners, boxes). */
  readonly isTerminal: boolean;
}

/** The options every subcommand inherits from the root. */
export interface GlobalOptions {
  /** `--json`: machine-readable output on stdout, no boxes or colour. */
  json: boolean;
  /** `false` with `--no-healing`: nothing is prompted, sent or queued. */
  healing: boolean;
  /** `--healing-consent LEVEL`: consent given up front, no prompt. */
  healingConsent?: ConsentLevel;
  /** `-v/--verbose`: stack traces and extra detail. */
  verbose: boolean;
}

/** The world as a subcommand sees it. */
export interface CliContext {
  env: EnvReader;
  stdout: TextSink;
  stderr: TextSink;
  /** Whether stdin is a terminal (a person can answer prompts). */
  stdinIsTerminal: boolean;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  global: GlobalOptions;
}

/**
 * A {@link TextSink} over a Deno file (stdout or stderr) that writes fully.
 *
 * @example
 * ```ts
 * import { fileSink } from "./context.ts";
 * fileSink(Deno.stderr).write("progress…\n");
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
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colourAllowed } from "./context.ts";
 * assert(colourAllowed({ isTerminal: true, write() {} }, () => "1") === false);
 * ```
 */
export function colourAllowed(sink: TextSink, env: EnvReader): boolean {
  return sink.isTerminal && env("NO_COLOR") === undefined;
}
