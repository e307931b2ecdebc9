/**
 * The `caro` command tree. Each subcommand is defined in
 * `src/cli/commands/<name>.ts` with its flags only; its implementation is
 * imported lazily when it runs, so `caro --version` loads almost nothing.
 *
 * @module
 */
import { Command, CommanderError, Option } from "commander";
import { reportCommandError } from "./report_error.ts";
import { CARO_VERSION } from "../version.ts";
import { type CliContext, colourAllowed, type GlobalOptions } from "./context.ts";
import { CONSENT_LEVELS } from "../protocol/report/consent_levels.ts";
import { casesCommand } from "./commands/cases.ts";
import { completionsCommand } from "./commands/completions.ts";
import { configCommand } from "./commands/config.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { forgetCommand } from "./commands/forget.ts";
import { notificationsCommand } from "./commands/notifications.ts";
import { queueCommand } from "./commands/queue.ts";
import { reportCommand } from "./commands/report.ts";
import { sanitizeCommand } from "./commands/sanitize.ts";

/** What a subcommand's implementation looks like: options in, exit code out. */
export type CommandAction<O> = (options: O, ctx: CliContext, args: string[]) => Promise<number>;

/** Wraps a {@link CommandAction} into a commander action that records its exit code. */
export type ActionBinder = <O>(action: CommandAction<O>) => (...args: unknown[]) => Promise<void>;

/** The context every command definition receives. */
export interface CommandDefinitionContext {
  bind: ActionBinder;
  /** The running program's context: for `completions`, which needs the tree. */
  ctx: CliContext;
  /** The root command, for commands that describe the whole tree. */
  root: () => Command;
}

/**
 * Runs caro with `argv` (without the program name) and returns the exit code.
 * Never calls `Deno.exit`: only `main.ts` does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCli } from "./program.ts";
 * import { envFrom } from "../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const code = await runCli(["--version"], {
 *   env: envFrom({}), stdout: sink, stderr: sink, stdinIsTerminal: false, now: Date.now,
 *   global: { json: false, healing: true, verbose: false },
 * });
 * assert(code === 0 && out.startsWith("caro "));
 * ```
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode = 0;
  const program = new Command("caro");
  const bind: ActionBinder = (action) => async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const options = command.opts();
    ctx.global = readGlobals(command.optsWithGlobals());
    const positional = args.slice(0, -2).flatMap((arg) => arg === undefined ? [] : [arg as string]);
    exitCode = await action(options as never, ctx, positional);
  };
  program
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      getOutHasColors: () => colourAllowed(ctx.stdout, ctx.env),
      getErrHasColors: () => colourAllowed(ctx.stderr, ctx.env),
      outputError: (text, write) => write(text),
    })
    .exitOverride()
    .description("Diagnose CARO, and report its failures privately so they get fixed.")
    .version(`caro ${CARO_VERSION}`, "-V, --version", "print the version and exit")
    .option("--json", "machine-readable output on stdout", false)
    .option("--no-healing", "never prompt, send or queue a report for this run")
    .addOption(
      new Option("--healing-consent <level>", "consent given up front, no prompt")
        .choices(CONSENT_LEVELS),
    )
    .option("-v, --verbose", "more detail, and stack traces for bugs", false)
    .showHelpAfterError("(run with --help for usage)");

  const definitions = { bind, ctx, root: () => program };
  for (
    const define of [
      doctorCommand,
      sanitizeCommand,
      reportCommand,
      queueCommand,
      casesCommand,
      notificationsCommand,
      configCommand,
      forgetCommand,
      completionsCommand,
    ]
  ) {
    program.addCommand(define(definitions).exitOverride());
  }

  if (argv.length === 0) {
    ctx.stderr.write(program.helpInformation());
    return 1;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function readGlobals(options: Record<string, unknown>): GlobalOptions {
  return {
    json: options.json === true,
    healing: options.healing !== false,
    healingConsent: options.healingConsent as GlobalOptions["healingConsent"],
    verbose: options.verbose === true,
  };
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (help, version, or a usage error).
    return error.exitCode === 0 ? 0 : 2;
  }
  return reportCommandError(error, ctx);
}
