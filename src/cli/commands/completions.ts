import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro completions`: print a shell completion script (bash, zsh, fish, powershell). */
export function completionsCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("completions")
    .description("print a shell completion script (bash, zsh, fish, powershell)")
    .action(bind(async (options, ctx, args) => {
      const { runCompletionsCommand } = await import("../completions_command.ts");
      return runCompletionsCommand(options, ctx, args);
    }));
}
