import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";
import type { ReportFlags } from "../../healing/report_command.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `caro report`: report a CARO failure to the healing service, with your consent. */
export function reportCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("report")
    .description(
      "report a CARO failure to the healing service, with your consent " +
        "(flags, or the failure as JSON on stdin)",
    )
    .option("--request <text>", "what you asked CARO (sanitized; its words only at full consent)")
    .option("--command <command>", "the command CARO generated (full consent only)")
    .option(
      "--failure-type <type>",
      "generation | validation | execution | timeout | unknown (default unknown)",
    )
    .option(
      "--stage <stage>",
      "input | context | model_load | inference | parsing | validation | confirmation | execution | unknown",
    )
    .option("--error-code <code>", "CARO's error code")
    .option("--safety-pattern <id>", "a safety rule that fired (repeatable)", collect)
    .option("--intent <category>", "what kind of task it was (file_management, search, …)")
    .option("--backend <type>", "ollama | vllm | mlx | embedded | openai_compatible | unknown")
    .option("--model <name>", "the model in use")
    .option("--error-message <text>", "the error output (sanitized; full consent only)")
    .option(
      "--contact <contact>",
      "how to tell you it is fixed: e-mail, @handle, github:user, none",
    )
    .option("--export <file>", "write the signed report to FILE instead of sending it")
    .option("--submit <file>", "send a report written earlier with --export")
    .action(bind(async (options: ReportFlags, ctx, args) => {
      const { runReportCommand } = await import("../../healing/report_command.ts");
      return runReportCommand(options, ctx, args);
    }));
}
