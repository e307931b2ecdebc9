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
import { examplesHelp } from "./help_examples.ts";
import { UsageError } from "../errors.ts";
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
export async function runCli(givenArgv: string[], ctx: CliContext): Promise<number> {
  const seeded = seedFlagsAsCommands(givenArgv);
  // Known before parsing, so that even commander's usage errors come out as JSON.
  ctx.global = { ...ctx.global, json: ctx.global.json || rootFlagGiven(seeded, "--json") };
  let exitCode = 0;
  const program = buildProgram(ctx, (action) => async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    // A command with subcommands takes no operands: a word here is a mistyped subcommand.
    if (command.commands.length > 0 && command.args.length > 0) unknownSubcommand(command);
    const options = command.opts();
    ctx.global = readGlobals(command.optsWithGlobals());
    const positional = args.slice(0, -2).flatMap((arg) => arg === undefined ? [] : [arg as string]);
    exitCode = await action(options as never, ctx, positional);
  });
  const argv = helpAsFlag(seeded, program);
  if (
    ctx.global.json && commandPath(argv).length === 0 &&
    ["--version", "-V"].some((flag) => rootFlagGiven(argv, flag))
  ) {
    ctx.stdout.write(`${JSON.stringify({ version: CARO_VERSION })}\n`);
    return 0;
  }
  try {
    if (argv.length === 0 || (argv.length === 1 && argv[0] === "--json")) {
      const missing = new UsageError("a command is required: caro <command>");
      if (ctx.global.json) throw missing;
      // The whole help (examples and exit status too) is right here, so no
      // "(run with --help …)" hint below it.
      program.outputHelp({ error: true });
      ctx.stderr.write(`error: ${missing.message}\n`);
      return missing.exitCode;
    }
    // Commander answers `caro doctr --help` with the root's help: name the typo instead.
    if (argv.includes("--help") || argv.includes("-h")) {
      refuseUnknownPath(program, commandPath(argv));
    }
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
      // With --json the error is printed once, as JSON, by reportError.
      outputError: (text, write) => ctx.global.json ? undefined : write(text),
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
    .option("--doctor", "the same as caro doctor")
    .option("--doctor-report", "a doctor report in markdown, ready to paste into an issue")
    .showHelpAfterError(ctx.global.json ? false : "(run with --help for usage)")
    .addHelpText(
      "after",
      examplesHelp([
        ["caro doctor", "check this machine's CARO install"],
        ["caro --doctor-report > doctor.md", "a report to paste into a GitHub issue"],
        ["caro sanitize notes.txt", "print a file with everything personal redacted"],
        ["caro report --failure-type generation --request 'list big files'", "report a failure"],
        ["caro help queue", "help for one command (or: caro queue --help)"],
      ]) + "\nExit status: 0 ok, 1 a problem (doctor warning, failed command), 2 usage error,\n" +
        '130 interrupted, 141 output pipe closed, 70 a bug in caro. With --json, errors are {"error":{"code","message"}} on stdout.\n',
    );
  const kit: CommandKit = {
    bind,
    // Every subcommand writes, colours and fails exactly as the root does.
    command: (name) => new Command(name).copyInheritedSettings(program),
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
  for (const command of program.commands) {
    // Operands reach the action, which names a mistyped subcommand (unknownSubcommand).
    if (command.commands.length > 0) command.allowExcessArguments();
  }
  return program;
}

/**
 * `caro queue flsh`: commander's own "unknown command … (Did you mean
 * flush?)" error, which it raises by itself only for commands without an
 * action of their own.
 */
function unknownSubcommand(command: Command): never {
  (command as unknown as { unknownCommand(): never }).unknownCommand();
  throw new UsageError(`unknown command '${command.args[0]}'`);
}

/** Whether the root flag `flag` is on the command line (before any `--`). */
function rootFlagGiven(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag);
}

/** Whether `argv[i]` is a word (not a flag, nor a root flag's value). */
function isWord(argv: readonly string[], i: number): boolean {
  return !argv[i].startsWith("-") && argv[i - 1] !== "--healing-consent";
}

/**
 * `help` wherever a command's name may stand, as `--help`: `caro help queue
 * flush`, `caro queue help flush` and `caro help help` (commander's own help
 * command looks one level down only, and knows no `help help`). A `help`
 * where operands begin (`caro sanitize help`, a file) stays.
 */
function helpAsFlag(argv: readonly string[], program: Command): string[] {
  const helpWords = new Set<number>();
  let command = program;
  for (let i = 0; i < argv.length && argv[i] !== "--"; i++) {
    if (!isWord(argv, i)) continue;
    if (command.commands.length === 0) break;
    if (argv[i] === "help") {
      helpWords.add(i);
      continue;
    }
    const next = command.commands.find((c) =>
      c.name() === argv[i] || c.aliases().includes(argv[i])
    );
    if (!next) break;
    command = next;
  }
  if (helpWords.size === 0) return [...argv];
  return [...argv.filter((_, i) => !helpWords.has(i)), "--help"];
}

/** The words of a command line before its `--`: `queue flsh` of `caro --json queue flsh -h`. */
function commandPath(argv: readonly string[]): string[] {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).filter((_, i) => isWord(argv, i));
}

/**
 * Fails like commander's unknown command (with its "did you mean"), at the
 * first word of `path` that names no subcommand of a command that has them.
 */
function refuseUnknownPath(program: Command, path: readonly string[]): void {
  let command = program;
  for (const word of path) {
    if (command.commands.length === 0) return;
    const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) {
      command.args = [word];
      unknownSubcommand(command);
    }
    command = next;
  }
}

/**
 * The seed CLI's flags as the commands they stand for: `--doctor` is
 * `doctor`, `--doctor-report` is `doctor --markdown`.
 */
function seedFlagsAsCommands(argv: readonly string[]): string[] {
  const seed = ["--doctor-report", "--doctor"].find((flag) => rootFlagGiven(argv, flag));
  if (!seed) return [...argv];
  const rest = argv.filter((arg) => arg !== seed);
  return seed === "--doctor" ? ["doctor", ...rest] : ["doctor", "--markdown", ...rest];
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
    if (error.exitCode === 0) return 0; // help or version, already printed
    // Commander printed its message, unless --json asked for it as JSON.
    if (!ctx.global.json) return 2;
    return reportCommandError(new UsageError(error.message.replace(/^error: /, "")), ctx);
  }
  return reportCommandError(error, ctx);
}
