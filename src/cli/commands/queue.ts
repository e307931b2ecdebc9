import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro queue`: show reports waiting to be sent. */
export function queueCommand({ bind }: CommandDefinitionContext): Command {
  return new Command("queue")
    .description("show reports waiting to be sent")
    .action(bind(async (options, ctx, args) => {
      const { runQueueCommand } = await import("../../healing/queue/queue_command.ts");
      return runQueueCommand(options, ctx, args);
    }));
}
