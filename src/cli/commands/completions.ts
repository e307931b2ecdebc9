import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/**
 * `caro completions <shell>`: print a shell completion script (bash, zsh,
 * fish, powershell). The scripts call back `caro completions complete -- …`
 * for suggestions, answered from the live command tree.
 */
export function completionsCommand({ bind, root }: CommandDefinitionContext): Command {
  const command: Command = new Command("completions")
    .description("print a shell completion script (bash, zsh, fish, powershell)")
    .argument("<shell>", "bash, zsh, fish or powershell")
    .allowExcessArguments()
    .action(bind(async (_options, ctx, args) => {
      const { runCompletionsCommand } = await import("../completions_command.ts");
      return runCompletionsCommand({ root: root(), operands: command.args }, ctx, args);
    }));
  return command;
}
