/**
 * What a command definition (`commands/<name>.ts`) receives from the
 * program and gives back: the types shared by `program.ts` and every
 * command, kept apart so that neither imports the other. Commands import
 * commander's types only; the `Command` objects come from {@link
 * CommandKit.command}, so a command module loads no commander code (the
 * direct doctor path in main.ts runs `commands/doctor.ts` without it).
 *
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "./context.ts";

/** What a subcommand's implementation looks like: options in, exit code out. */
export type CommandAction<O> = (options: O, ctx: CliContext, args: string[]) => Promise<number>;

/** Wraps a {@link CommandAction} into a commander action that records its exit code. */
export type ActionBinder = <O>(action: CommandAction<O>) => (...args: unknown[]) => Promise<void>;

/** The context every command definition receives. */
export interface CommandKit {
  /** Turns an action into a commander action. */
  bind: ActionBinder;
  /** A new (sub)command named `name`, set up like every other (errors go through caro). */
  command(name: string): Command;
  /** The root command, for commands that describe the whole tree. */
  root(): Command;
}

/** A command definition: the commander subtree of one `caro <name>`. */
export type CommandDefinition = (kit: CommandKit) => Command;
