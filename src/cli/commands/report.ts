import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro report`: report a CARO failure to the healing service, with your consent. */
export function reportCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("report")
    .description("report a CARO failure to the healing service, with your consent")
    .action(bind(async (options, ctx, args) => {
      const { runReportCommand } = await import("../../healing/report_command.ts");
      return runReportCommand(options, ctx, args);
    }));
}
