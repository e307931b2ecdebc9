/**
 * `caro notifications`: lists the notices about this install's cases
 * (newest last, expired ones gone), `--dismiss ID` / `--dismiss --all`
 * hides them, `--refresh` asks the service now instead of once a day.
 * Listing in a terminal counts as showing: the start-up box will not repeat
 * them, and the contacts kept for their cases are deleted.
 *
 * A `--refresh` that cannot ask (the service unreachable, a bad answer)
 * still lists the notices kept from before, then fails: `error: cannot
 * reach …`, exit 1 (with `--json` only the error object). Not asking because
 * healing is off is a `warning:` line, exit 0 (`--no-healing` is an error).
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { fixAdvice } from "../../healing/notification/fix_advice.ts";
import { CaroError, UsageError } from "../../errors.ts";
import { counted } from "../../platform/plural.ts";
import { formatTime } from "../../healing/queue/format_time.ts";
import type { Notice } from "../../healing/notification/notice_store.ts";

/**
 * `caro notifications`: list and dismiss notices about your cases.
 *
 * @example Its help names the flags
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["notifications"]), /--dismiss \[id\][\s\S]*--refresh/);
 * ```
 */
export function notificationsCommand({ bind, command }: CommandKit): Command {
  return command("notifications")
    .description("list and dismiss notices about your cases")
    .option("--dismiss [id]", "hide the notice ID (or every notice, with --all)")
    .option("--all", "with --dismiss: every notice")
    .option("--refresh", "ask the service for news now instead of once a day")
    .addHelpText(
      "after",
      examplesHelp([
        ["caro notifications", "notices about your cases, e.g. fixed in 1.4.2"],
        ["caro notifications --refresh", "ask the service now"],
        ["caro notifications --dismiss CARO-2026-0042", "hide one notice"],
        ["caro notifications --dismiss --all", "hide every notice"],
      ]),
    )
    .action(bind(runNotifications));
}

/** Flags of `caro notifications`. */
export interface NotificationsOptions {
  /** `--dismiss [ID]`: `true` when given without an id (then `--all` is required). */
  dismiss?: string | boolean;
  all?: boolean;
  refresh?: boolean;
}

/**
 * Runs `caro notifications`.
 *
 * @example No notices on a fresh install
 * ```ts
 * import assert from "node:assert/strict";
 * import { runNotifications } from "./notifications.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runNotifications({}, run.ctx, []), 0);
 * assert.equal(run.stdout(), "no notices\n");
 * ```
 */
export async function runNotifications(
  options: NotificationsOptions,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const [
    { loadHealingSettings },
    { readNoticeFile, isExpired },
    { markNoticesSeen },
    { checkNotifications },
    { printable },
  ] = await Promise.all([
    import("../../healing/settings/load_healing_settings.ts"),
    import("../../healing/notification/notice_store.ts"),
    import("../../healing/notification/show_pending_notices.ts"),
    import("../../healing/notification/check_notifications.ts"),
    import("../../healing/notification/notice_box.ts"),
  ]);
  const { dirs, settings } = await loadHealingSettings(ctx.env, ctx.stderr);
  const dataDir = dirs.data;
  if (options.dismiss !== undefined) {
    if (options.refresh) throw new UsageError("--dismiss and --refresh do not go together");
    const ids = options.dismiss === true
      ? (options.all ? "all" : undefined)
      : options.all
      ? undefined
      : [options.dismiss as string];
    if (ids === undefined) throw new UsageError("use --dismiss ID, or --dismiss --all");
    const changed = await markNoticesSeen(dataDir, ids, ctx.now(), "dismissed");
    if (ids !== "all" && changed.length === 0) {
      const known = (await readNoticeFile(dataDir)).notices.some((n) => n.id === ids[0]);
      if (!known) {
        throw new CaroError(`No notice with id ${ids[0]} (caro notifications lists them)`);
      }
    }
    if (ctx.global.json) {
      ctx.stdout.write(JSON.stringify({ dismissed: changed.map((c) => c.id) }) + "\n");
    } else ctx.stdout.write(`dismissed ${counted(changed.length, "notice")}\n`);
    return 0;
  }
  if (options.all) throw new UsageError("--all goes with --dismiss");
  let note: string | undefined;
  let failure: string | undefined;
  if (options.refresh) {
    if (!ctx.global.healing) throw new CaroError("not asked: --no-healing");
    const check = await checkNotifications({
      dataDir,
      endpoint: settings.endpoint.value,
      env: ctx.env,
      refresh: true,
      now: ctx.now,
    });
    // A note after asking says why asking failed; without asking, why it did not ask.
    if (check.asked) failure = check.note;
    else note = check.note;
    if (note && !ctx.global.json) ctx.stderr.write(`warning: ${note}\n`);
  }
  const now = ctx.now();
  const notices = (await readNoticeFile(dataDir)).notices.filter((n) => !isExpired(n, now));
  if (ctx.global.json) {
    if (failure) throw new CaroError(failure);
    ctx.stdout.write(
      JSON.stringify({
        notices: notices.map((n) => ({
          id: n.id,
          case_id: n.caseId,
          status: n.status,
          fixed_in: n.fixedIn ?? null,
          message: n.message,
          created_at: new Date(n.createdAt).toISOString(),
          shown: n.shownAt !== undefined,
          dismissed: n.dismissedAt !== undefined,
        })),
        ...(options.refresh ? { refresh_note: note ?? null } : {}),
      }) + "\n",
    );
    return 0;
  }
  const describe = (n: Notice) => {
    const flag = n.dismissedAt !== undefined
      ? "  (dismissed)"
      : n.shownAt === undefined
      ? "  (new)"
      : "";
    return `${printable(n.id)}  ${formatTime(n.createdAt)}  ${printable(n.caseId)} (${
      printable(n.status)
    })${flag}\n  ${n.fixedIn ? fixAdvice(printable(n.fixedIn)) : printable(n.message)}\n`;
  };
  ctx.stdout.write(notices.length === 0 ? "no notices\n" : notices.map(describe).join(""));
  const unseen = notices.filter((n) => n.shownAt === undefined).map((n) => n.id);
  if (unseen.length > 0 && ctx.stdout.isTerminal) {
    await markNoticesSeen(dataDir, unseen, now, "shown");
  }
  if (failure) throw new CaroError(failure);
  return 0;
}
