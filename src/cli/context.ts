/**
 * Everything a subcommand needs from the outside world (environment,
 * stdin, stdout, stderr, clock, the global flags), passed in so tests can
 * run commands in-process against temp dirs and captured output. The
 * healing and doctor code below the CLI never sees this: each command hands
 * them the narrow pieces they take (an env reader, a sink, the clock).
 *
 * @module
 */
import type { ConsentLevel } from "../protocol/report/schema.ts";
import { envFrom, type EnvReader } from "../platform/env.ts";
import type { TextSink } from "../platform/text_sink.ts";

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

/** Standard input as a command reads it. */
export interface TextSource {
  /** Whether stdin is a terminal (a person can answer prompts). */
  readonly isTerminal: boolean;
  /** Reads all of stdin as UTF-8 text. */
  readAll(): Promise<string>;
}

/** The world as a subcommand sees it. */
export interface CliContext {
  env: EnvReader;
  stdin: TextSource;
  stdout: TextSink;
  stderr: TextSink;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  global: GlobalOptions;
}

/**
 * A {@link TextSource} over a Deno file (stdin).
 *
 * @example Reading a file to its end
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileSource } from "./context.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "line\n");
 * const file = await Deno.open(path);
 * assert.equal(await fileSource(file).readAll(), "line\n");
 * ```
 */
export function fileSource(
  file: { readonly readable: ReadableStream<Uint8Array>; isTerminal(): boolean },
): TextSource {
  return {
    isTerminal: file.isTerminal(),
    readAll: () => new Response(file.readable).text(),
  };
}

/** What {@link memoryContext} captured. */
export interface MemoryContext {
  ctx: CliContext;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/**
 * A context over memory, for running a command in-process: stdin is the
 * given text (not a terminal), stdout and stderr are captured, the global
 * flags default to a plain run.
 *
 * @example Capturing a command's output
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryContext } from "./context.ts";
 * const run = memoryContext({ env: { CARO_HOME: "/tmp/caro" }, global: { json: true } });
 * run.ctx.stdout.write("{}\n");
 * assert.equal(run.stdout(), "{}\n");
 * assert.equal(run.ctx.env("CARO_HOME"), "/tmp/caro");
 * assert.equal(run.ctx.global.json, true);
 * ```
 */
export function memoryContext(options: {
  env?: Record<string, string | undefined>;
  stdin?: string;
  global?: Partial<GlobalOptions>;
  now?: () => number;
} = {}): MemoryContext {
  let out = "";
  let err = "";
  return {
    ctx: {
      env: envFrom(options.env ?? {}),
      stdin: { isTerminal: false, readAll: () => Promise.resolve(options.stdin ?? "") },
      stdout: { isTerminal: false, write: (text) => void (out += text) },
      stderr: { isTerminal: false, write: (text) => void (err += text) },
      now: options.now ?? Date.now,
      global: { json: false, healing: true, verbose: false, ...options.global },
    },
    stdout: () => out,
    stderr: () => err,
  };
}
