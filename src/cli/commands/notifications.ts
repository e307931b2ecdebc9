import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";
import type { NotificationsOptions } from "../../healing/notification/notifications_command.ts";

/** `caro notifications`: list and dismiss notices about your cases. */
export function notificationsCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("notifications")
    .description("list and dismiss notices about your cases")
    .option("--dismiss [id]", "hide the notice ID (or every notice, with --all)")
    .option("--all", "with --dismiss: every notice")
    .option("--refresh", "ask the service for news now instead of once a day")
    .action(bind(async (options: NotificationsOptions, ctx, args) => {
      const { runNotificationsCommand } = await import(
        "../../healing/notification/notifications_command.ts"
      );
      return runNotificationsCommand(options, ctx, args);
    }));
}
