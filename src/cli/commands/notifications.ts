import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro notifications`: list and dismiss notices about your cases. */
export function notificationsCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("notifications")
    .description("list and dismiss notices about your cases")
    .action(bind(async (options, ctx, args) => {
      const { runNotificationsCommand } = await import(
        "../../healing/notification/notifications_command.ts"
      );
      return runNotificationsCommand(options, ctx, args);
    }));
}
