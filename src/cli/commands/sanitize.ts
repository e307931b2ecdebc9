import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro sanitize`: print FILE or stdin with everything personal or secret redacted. */
export function sanitizeCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("sanitize")
    .description("print FILE or stdin with everything personal or secret redacted")
    .action(bind(async (options, ctx, args) => {
      const { runSanitizeCommand } = await import("../../doctor/sanitizer/sanitize_command.ts");
      return runSanitizeCommand(options, ctx, args);
    }));
}
