/**
 * How a command's failure reaches the user: one line on stderr (control and
 * escape characters taken out: file names and values may carry them) and an exit
 * code. A {@link UsageError} adds the `--help` hint, a {@link CaroError}
 * keeps its own exit code (and shows its cause with `--verbose`), and so does
 * the operating system's answer about one of caro's own files (a file where
 * its queue folder should be, a denied permission: a `FileProblem`, exit 1);
 * anything else is a bug in caro: exit 70, stack trace with `--verbose`. With
 * `--json` the same failure is one object on stdout,
 * `{"error":{"code","message"}}`, where `code` is `usage`, `interrupted`
 * (exit 130), `failed` (any other expected failure) or `bug`.
 *
 * @module
 */
import { CaroError, fileProblem, UsageError } from "../errors.ts";
import { caroDirs, knownDir } from "../platform/dirs.ts";
import type { CliContext } from "./context.ts";
import { printableText } from "../platform/printable_text.ts";

/** The exit code for a bug in caro (sysexits' EX_SOFTWARE). */
export const BUG_EXIT_CODE = 70;

/**
 * Prints `error` for the user and returns the exit code.
 *
 * @example A usage error: exit 2 and the help hint
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportCommandError } from "./report_error.ts";
 * import { memoryContext } from "./context.ts";
 * import { UsageError } from "../errors.ts";
 * const run = memoryContext();
 * assert.equal(reportCommandError(new UsageError("doctor takes no arguments"), run.ctx), 2);
 * assert.equal(run.stderr(), "error: doctor takes no arguments\n(run with --help for usage)\n");
 * ```
 *
 * @example With --json: the error as JSON on stdout
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportCommandError } from "./report_error.ts";
 * import { memoryContext } from "./context.ts";
 * import { CaroError } from "../errors.ts";
 * const run = memoryContext({ global: { json: true } });
 * assert.equal(reportCommandError(new CaroError("Cannot read \"a\": no such file"), run.ctx), 1);
 * assert.deepEqual(JSON.parse(run.stdout()), {
 *   error: { code: "failed", message: 'Cannot read "a": no such file' },
 * });
 * ```
 *
 * @example A file where caro's queue folder should be: one line, exit 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportCommandError } from "./report_error.ts";
 * import { memoryContext } from "./context.ts";
 * const home = await Deno.makeTempDir();
 * await Deno.mkdir(`${home}/data`);
 * await Deno.writeTextFile(`${home}/data/queue`, "");
 * const run = memoryContext({ env: { CARO_HOME: home } });
 * const error = await Array.fromAsync(Deno.readDir(`${home}/data/queue`)).catch((e) => e);
 * assert.equal(reportCommandError(error, run.ctx), 1);
 * assert.equal(
 *   run.stderr(),
 *   `error: Cannot read "${home}/data/queue": it is a file, not a directory\n`,
 * );
 * ```
 */
export function reportCommandError(thrown: unknown, ctx: CliContext): number {
  // `caro … | head`: the reader has what it wanted and is gone. As a Unix tool
  // that SIGPIPE ends: nothing printed (there is no one to print to), 128 + 13.
  if (thrown instanceof Deno.errors.BrokenPipe) return BROKEN_PIPE_EXIT_CODE;
  const error = asExpected(thrown, ctx);
  if (ctx.global.json) return reportAsJson(error, ctx);
  if (error instanceof UsageError) {
    ctx.stderr.write(`error: ${printableText(error.message)}\n(run with --help for usage)\n`);
    return error.exitCode;
  }
  if (error instanceof CaroError) {
    ctx.stderr.write(`error: ${printableText(error.message)}\n`);
    if (ctx.global.verbose && error.cause) ctx.stderr.write(`cause: ${describe(error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr.write(`error: caro hit a bug: ${printableText(message)}\n`);
  ctx.stderr.write(
    ctx.global.verbose ? `${describe(error)}\n` : "(run with --verbose for the stack trace)\n",
  );
  return BUG_EXIT_CODE;
}

/**
 * `error` itself, or the {@link fileProblem} it stands for when it is the
 * operating system's answer about a file in one of caro's own directories
 * (an error about any other path is left as it is).
 */
function asExpected(error: unknown, ctx: CliContext): unknown {
  if (error instanceof CaroError) return error;
  const problem = fileProblem(error);
  if (!problem) return error;
  const dirs = caroDirs(ctx.env, Deno.build.os);
  const inside = (dir: string | undefined) =>
    dir !== undefined && problem.path.startsWith(dir) &&
    /^([\\/]|$)/.test(problem.path.slice(dir.length));
  const own = (["config", "legacyConfig", "data", "cache"] as const)
    .some((name) => inside(knownDir(dirs, name)));
  return own ? problem : error;
}

/** The exit code of an interrupted run (128 + SIGINT), as shells report Ctrl-C. */
export const INTERRUPTED_EXIT_CODE = 130;

/** The exit code when stdout's reader closed the pipe (a tool killed by SIGPIPE: 128 + 13). */
export const BROKEN_PIPE_EXIT_CODE = 141;

function reportAsJson(error: unknown, ctx: CliContext): number {
  const [code, exitCode] = error instanceof UsageError
    ? ["usage", error.exitCode]
    : error instanceof CaroError
    ? [error.exitCode === INTERRUPTED_EXIT_CODE ? "interrupted" : "failed", error.exitCode]
    : ["bug", BUG_EXIT_CODE];
  const message = error instanceof CaroError
    ? error.message
    : `caro hit a bug: ${error instanceof Error ? error.message : error}`;
  ctx.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  if (ctx.global.verbose && !(error instanceof CaroError)) ctx.stderr.write(`${describe(error)}\n`);
  return exitCode as number;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? "" : `\ncaused by: ${describe(error.cause)}`;
  return `${error.stack ?? error.message}${cause}`;
}
