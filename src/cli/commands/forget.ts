import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro forget`: erase a case's reports from the service and every local trace of them. */
export function forgetCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("forget")
    .description("erase a case's reports from the service and every local trace of them")
    .argument("<case-id>", "the case, as caro cases lists it (e.g. CARO-2026-0042)")
    .action(bind(async (_options: Record<string, never>, ctx, args) => {
      const { runForgetCommand } = await import("../../healing/forget_command.ts");
      return runForgetCommand({}, ctx, args);
    }));
}
