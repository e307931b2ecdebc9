/**
 * `caro notifications`: lists the notices about this install's cases
 * (newest last, expired ones gone), `--dismiss ID` / `--dismiss --all`
 * hides them, `--refresh` asks the service now instead of once a day.
 * Listing in a terminal counts as showing: the start-up box will not repeat
 * them, and the contacts kept for their cases are deleted.
 *
 * @module
 */
import type { CliContext } from "../../cli/context.ts";
import { CaroError, UsageError } from "../../errors.ts";
import { loadHealingSettings } from "../config/load_healing_settings.ts";
import { formatTime } from "../queue/format_time.ts";
import { checkNotifications } from "./check_notifications.ts";
import { isExpired, type Notice, readNoticeFile } from "./notice_store.ts";
import { printable } from "./notice_box.ts";
import { markNoticesSeen } from "./show_pending_notices.ts";

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
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runNotificationsCommand } from "./notifications_command.ts";
 * import { envFrom } from "../../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * await runNotificationsCommand({}, { env: envFrom({ CARO_HOME: await Deno.makeTempDir() }),
 *   stdout: sink, stderr: sink, stdinIsTerminal: false, now: Date.now,
 *   global: { json: false, healing: true, verbose: false } }, []);
 * assert(out === "no notices\n");
 * ```
 */
export async function runNotificationsCommand(
  options: NotificationsOptions,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
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
    } else ctx.stdout.write(`dismissed ${changed.length} notice(s)\n`);
    return 0;
  }
  if (options.all) throw new UsageError("--all goes with --dismiss");
  let note: string | undefined;
  if (options.refresh) {
    if (!ctx.global.healing) throw new CaroError("not asked: --no-healing");
    const check = await checkNotifications({
      dataDir,
      endpoint: settings.endpoint.value,
      env: ctx.env,
      refresh: true,
      now: ctx.now,
    });
    note = check.note;
    if (note && !ctx.global.json) ctx.stderr.write(`warning: ${note}\n`);
  }
  const now = ctx.now();
  const notices = (await readNoticeFile(dataDir)).notices.filter((n) => !isExpired(n, now));
  if (ctx.global.json) {
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
  ctx.stdout.write(notices.length === 0 ? "no notices\n" : notices.map(describe).join(""));
  const unseen = notices.filter((n) => n.shownAt === undefined).map((n) => n.id);
  if (unseen.length > 0 && ctx.stdout.isTerminal) {
    await markNoticesSeen(dataDir, unseen, now, "shown");
  }
  return 0;
}

function describe(n: Notice): string {
  const flag = n.dismissedAt !== undefined
    ? "  (dismissed)"
    : n.shownAt === undefined
    ? "  (new)"
    : "";
  return `${printable(n.id)}  ${formatTime(n.createdAt)}  ${printable(n.caseId)} (${
    printable(n.status)
  })${flag}\n  ${printable(n.message)}\n`;
}
