import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro forget`: erase a report from the service and every local trace of it. */
export function forgetCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("forget")
    .description("erase a report from the service and every local trace of it")
    .action(bind(async (options, ctx, args) => {
      const { runForgetCommand } = await import("../../healing/forget_command.ts");
      return runForgetCommand(options, ctx, args);
    }));
}
