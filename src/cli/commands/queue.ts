import { Command } from "commander";
import type { CommandDefinitionContext } from "../program.ts";

/** `caro queue [flush|clear]`: reports waiting to be sent. */
export function queueCommand({ bind }: CommandDefinitionContext): Command {
  const load = () => import("../../healing/queue/queue_command.ts");
  return new Command("queue")
    .description("show reports waiting to be sent (attempts, next retry, rate limit, dropped)")
    .action(bind(async (options, ctx, args) => (await load()).runQueueCommand(options, ctx, args)))
    .addCommand(
      new Command("flush")
        .description("send the queued reports now; one line per report")
        .action(
          bind(async (options, ctx, args) => (await load()).runQueueFlush(options, ctx, args)),
        )
        .exitOverride(),
    )
    .addCommand(
      new Command("clear")
        .description("drop every queued report (recorded in the dropped list)")
        .action(
          bind(async (options, ctx, args) => (await load()).runQueueClear(options, ctx, args)),
        )
        .exitOverride(),
    );
}
