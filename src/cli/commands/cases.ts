import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro cases`: list the cases your reports belong to and their status. */
export function casesCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("cases")
    .description("list the cases your reports belong to and their status")
    .action(bind(async (options, ctx, args) => {
      const { runCasesCommand } = await import("../../healing/cases/cases_command.ts");
      return runCasesCommand(options, ctx, args);
    }));
}
