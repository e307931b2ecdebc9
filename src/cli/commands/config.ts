import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro config`: show or change caro's configuration. */
export function configCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("config")
    .description("show or change caro's configuration")
    .action(bind(async (options, ctx, args) => {
      const { runConfigCommand } = await import("../../healing/config/config_command.ts");
      return runConfigCommand(options, ctx, args);
    }));
}
