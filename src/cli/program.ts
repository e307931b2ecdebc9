/**
 * The `caro` command tree. Each subcommand is one file,
 * `src/cli/commands/<name>.ts`: its flags, help and action. The healing and
 * doctor code an action needs is imported lazily when it runs, so building
 * the tree (and `caro --help`) loads only commander and the definitions.
 *
 * @module
 */
import { Command, CommanderError, Option } from "commander";
import { reportCommandError } from "./report_error.ts";
import { CARO_VERSION } from "../version.ts";
import { type CliContext, type GlobalOptions, memoryContext } from "./context.ts";
import type { ActionBinder, CommandDefinition, CommandKit } from "./command_kit.ts";
import { colourAllowed } from "../platform/text_sink.ts";
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

/**
 * Runs caro with `argv` (without the program name) and returns the exit code.
 * Never calls `Deno.exit`: only `main.ts` does.
 *
 * @example Printing the version
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCli } from "./program.ts";
 * import { memoryContext } from "./context.ts";
 * const run = memoryContext();
 * assert.equal(await runCli(["--version"], run.ctx), 0);
 * assert.match(run.stdout(), /^caro \d/);
 * ```
 */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(ctx, (action) => async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const options = command.opts();
    ctx.global = readGlobals(command.optsWithGlobals());
    const positional = args.slice(0, -2).flatMap((arg) => arg === undefined ? [] : [arg as string]);
    exitCode = await action(options as never, ctx, positional);
  });
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

/**
 * The help text of `caro <path…>` (`[]` for the root), as `--help` prints
 * it without colour; nothing runs.
 *
 * @example The doctor's help names its flag
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "./program.ts";
 * assert.match(commandHelp(["doctor"]), /--markdown/);
 * assert.match(commandHelp([]), /Usage: caro/);
 * ```
 */
export function commandHelp(path: readonly string[]): string {
  let command = buildProgram(memoryContext().ctx, () => () => Promise.resolve());
  for (const name of path) {
    const sub = command.commands.find((c) => c.name() === name);
    if (!sub) throw new TypeError(`caro has no command "${[...path].join(" ")}"`);
    command = sub;
  }
  return command.helpInformation();
}

/** The whole command tree, writing through `ctx`, running actions through `bind`. */
function buildProgram(ctx: CliContext, bind: ActionBinder): Command {
  const program = new Command("caro");
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
  const kit: CommandKit = {
    bind,
    command: (name) => new Command(name).exitOverride(),
    root: () => program,
  };
  const definitions: CommandDefinition[] = [
    doctorCommand,
    sanitizeCommand,
    reportCommand,
    queueCommand,
    casesCommand,
    notificationsCommand,
    configCommand,
    forgetCommand,
    completionsCommand,
  ];
  for (const define of definitions) program.addCommand(define(kit));
  return program;
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
