import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro sanitize [FILE] [--jsonl]`: print FILE or stdin with everything personal or secret redacted. */
export function sanitizeCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("sanitize")
    .description("print FILE or stdin with everything personal or secret redacted")
    .argument("[file]", "file to sanitize (default: stdin)")
    .option(
      "--jsonl",
      'read lines {"id": …, "text": …} and write lines {"id": …, "output": …} in the same order',
      false,
    )
    .action(bind(async (options, ctx, args) => {
      const { runSanitizeCommand } = await import("../../sanitizer/sanitize_command.ts");
      return runSanitizeCommand(options as { jsonl: boolean }, ctx, args);
    }));
}
