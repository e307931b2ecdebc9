/**
 * `caro queue` (what waits, attempts, next retry, rate limit, what was
 * dropped and why), `caro queue flush` (send now; one line per report on
 * stdout: `submitted <id> <case>` / `kept <id> (<reason>)` /
 * `dropped <id> (<reason>)`; when the service could not be reached and no
 * report went, then `error: not sent: <why> (N reports kept in the queue)`,
 * exit 1) and `caro queue clear` (drop everything, recorded in
 * `dropped.jsonl`).
 *
 * @module
 */
import type { Command } from "commander";
import type { CommandKit } from "../command_kit.ts";
import { examplesHelp } from "../help_examples.ts";
import type { CliContext } from "../context.ts";
import { CaroError } from "../../errors.ts";
import { counted } from "../../platform/plural.ts";
import type { TextSink } from "../../platform/text_sink.ts";
import type { FlushResult } from "../../healing/queue/flush_queue.ts";
import type { CorruptFile } from "../../healing/queue/scan_queue.ts";
// Small, and already loaded with the start-up hook or the tree: no chunk of their own.
import { formatTime } from "../../healing/queue/format_time.ts";
import { entryPath, queueDir } from "../../healing/queue/queue_paths.ts";
import { healingOffReason } from "../../healing/submit/healing_off.ts";

/**
 * `caro queue [flush|clear]`: reports waiting to be sent.
 *
 * @example Its help lists the subcommands
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandHelp } from "../program.ts";
 * assert.match(commandHelp(["queue"]), /flush[\s\S]*clear/);
 * ```
 */
export function queueCommand({ bind, command }: CommandKit): Command {
  return command("queue")
    .description("show reports waiting to be sent (attempts, next retry, rate limit, dropped)")
    .addHelpText(
      "after",
      examplesHelp([
        ["caro queue", "what waits, how often it was tried, when it is tried next"],
        ["caro queue flush", "send the waiting reports now"],
        ["caro --json queue", "the same as JSON"],
      ]),
    )
    .action(bind(runQueue))
    .addCommand(
      command("flush")
        .description("send the queued reports now; one line per report")
        .addHelpText("after", examplesHelp([["caro queue flush"], ["caro --json queue flush"]]))
        .action(bind(runQueueFlush)),
    )
    .addCommand(
      command("clear")
        .description("drop every queued report (recorded in the dropped list)")
        .addHelpText("after", examplesHelp([["caro queue clear", "nothing waiting is ever sent"]]))
        .action(bind(runQueueClear)),
    );
}

/** The queue modules every subcommand uses, loaded when one runs. */
async function loadQueue() {
  const [settings, scan, rateLimit, dropped] = await Promise.all([
    import("../../healing/settings/load_healing_settings.ts"),
    import("../../healing/queue/scan_queue.ts"),
    import("../../healing/queue/rate_limit.ts"),
    import("../../healing/queue/dropped_log.ts"),
  ]);
  return { ...settings, ...scan, ...rateLimit, ...dropped };
}

/** How many drop records `caro queue` shows. */
const SHOWN_DROPS = 10;

/**
 * `caro queue`: lists the queue.
 *
 * @example On a fresh install
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueue } from "./queue.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runQueue({}, run.ctx, []), 0);
 * assert.match(run.stdout(), /^no reports waiting/);
 * ```
 */
export async function runQueue(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { loadHealingSettings, scanQueue, activeRateLimit, readDropped } = await loadQueue();
  const { dirs } = await loadHealingSettings(ctx.env, ctx.stderr);
  const now = ctx.now();
  const scan = await scanQueue(dirs.data, now);
  const limit = await activeRateLimit(dirs.data, now);
  const dropped = (await readDropped(dirs.data)).slice(-SHOWN_DROPS);
  if (ctx.global.json) {
    ctx.stdout.write(
      JSON.stringify({
        pending: scan.entries.map((e) => ({
          report_id: e.reportId,
          queued_at: new Date(e.queuedAt).toISOString(),
          attempts: e.attempts,
          next_retry_at: new Date(e.nextRetryAt).toISOString(),
          last_error: e.lastError ?? null,
          bytes: e.body.length,
        })),
        rate_limited_until: limit ? new Date(limit.until).toISOString() : null,
        rate_limit_reason: limit?.reason ?? null,
        dropped: dropped.map((d) => ({
          report_id: d.reportId,
          dropped_at: new Date(d.droppedAt).toISOString(),
          reason: d.reason,
        })),
        corrupt: [...scan.corrupt.map((c) => c.setAsideAs), ...scan.setAside],
      }) + "\n",
    );
    return 0;
  }
  reportCorrupt(ctx.stderr, scan.corrupt);
  const lines: string[] = [];
  if (scan.entries.length === 0) lines.push("no reports waiting to be sent");
  else {
    lines.push(
      `${counted(scan.entries.length, "report")} waiting to be sent (${queueDir(dirs.data)}):`,
    );
    for (const e of scan.entries) {
      const due = e.nextRetryAt <= now ? "next run" : formatTime(e.nextRetryAt);
      lines.push(
        `  ${e.reportId}  queued ${
          formatTime(e.queuedAt)
        }  attempts ${e.attempts}  next retry ${due}` +
          (e.lastError ? `\n    last error: ${e.lastError}` : ""),
      );
    }
  }
  lines.push(
    limit ? `rate limited until ${formatTime(limit.until)}: ${limit.reason}` : "not rate limited",
  );
  if (dropped.length > 0) {
    lines.push(`dropped (last ${dropped.length}, never sent):`);
    for (const d of dropped) lines.push(`  ${d.reportId}  ${formatTime(d.droppedAt)}  ${d.reason}`);
  }
  // Those this scan set aside (also warned about on stderr), then those set aside before.
  for (const name of [...scan.corrupt.map((c) => c.setAsideAs), ...scan.setAside]) {
    lines.push(`set aside as corrupt: ${name}`);
  }
  ctx.stdout.write(lines.join("\n") + "\n");
  return 0;
}

/**
 * `caro queue flush`: sends every queued report now (one try each, 60 s in
 * all), printing one line per report. It fails (exit 1, after those lines;
 * with `--json` only the error object) when reports were waiting, none was
 * sent, and the flush stopped because the service could not be reached or
 * used; a flush that sent some before that succeeds, its `kept` lines say
 * what waits and why. Nothing waiting, or a rate limit, is no failure.
 *
 * @example On a fresh install
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueueFlush } from "./queue.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runQueueFlush({}, run.ctx, []), 0);
 * assert.equal(run.stdout(), "nothing to send\n");
 * ```
 */
export async function runQueueFlush(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { loadHealingSettings, scanQueue } = await loadQueue();
  const [{ describeRefusal }, { flushQueue }, { loadOrCreateInstallKey }] = await Promise.all([
    import("../../healing/consent/decide_consent.ts"),
    import("../../healing/queue/flush_queue.ts"),
    import("../../healing/identity/install_key.ts"),
  ]);
  const { dirs, settings } = await loadHealingSettings(ctx.env, ctx.stderr);
  const off = healingOffReason({
    healingFlag: ctx.global.healing,
    env: ctx.env,
    enabled: settings.enabled.value,
  });
  if (off) throw new CaroError(`${describeRefusal(off)} (queued reports are kept)`);
  const scan = await scanQueue(dirs.data, ctx.now());
  let result: FlushResult = { lines: [], corrupt: scan.corrupt, capped: [] };
  if (scan.entries.length > 0) {
    const flushed = await flushQueue({
      dataDir: dirs.data,
      endpoint: settings.endpoint.value,
      installKey: await loadOrCreateInstallKey(dirs.data),
      now: ctx.now,
      dueOnly: false,
      budgetMs: 60_000,
    });
    result = { ...flushed, corrupt: [...scan.corrupt, ...flushed.corrupt] };
  }
  const failure = flushFailure(result);
  if (ctx.global.json) {
    if (failure) throw new CaroError(failure);
    ctx.stdout.write(
      JSON.stringify({
        reports: result.lines.map((line) => ({
          report_id: line.reportId,
          status: line.result,
          ...(line.result === "submitted"
            ? { case_id: line.caseId, track_url: line.trackUrl }
            : { reason: line.reason }),
        })),
        dropped: result.capped.map((d) => ({ report_id: d.reportId, reason: d.reason })),
        corrupt: result.corrupt.map((c) => ({
          file: c.file,
          set_aside_as: c.setAsideAs,
          reason: c.reason,
        })),
      }) + "\n",
    );
    return 0;
  }
  reportCorrupt(ctx.stderr, result.corrupt);
  const out = [
    ...result.capped.map((d) => `dropped ${d.reportId} (${d.reason})`),
    ...result.lines.map((line) =>
      line.result === "submitted"
        ? `submitted ${line.reportId} ${line.caseId}`
        : `${line.result} ${line.reportId} (${line.reason})`
    ),
  ];
  ctx.stdout.write(out.length === 0 ? "nothing to send\n" : out.join("\n") + "\n");
  if (failure) throw new CaroError(failure);
  return 0;
}

/**
 * Why an explicit flush failed: none of the waiting reports was sent because
 * the service could not be reached or used; `undefined` otherwise.
 */
function flushFailure(result: FlushResult): string | undefined {
  if (result.cannotSend === undefined) return undefined;
  if (result.lines.some((line) => line.result === "submitted")) return undefined;
  const kept = result.lines.filter((line) => line.result === "kept").length;
  return `not sent: ${result.cannotSend} (${counted(kept, "report")} kept in the queue)`;
}

/**
 * `caro queue clear`: drops every queued report (recorded in `dropped.jsonl`).
 *
 * @example On a fresh install
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueueClear } from "./queue.ts";
 * import { memoryContext } from "../context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * assert.equal(await runQueueClear({}, run.ctx, []), 0);
 * assert.equal(run.stdout(), "cleared 0 queued reports\n");
 * ```
 */
export async function runQueueClear(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { loadHealingSettings, scanQueue, recordDropped } = await loadQueue();
  const [{ claimQueueEntry }, { CorruptQueueFile }] = await Promise.all([
    import("../../healing/queue/claim_entry.ts"),
    import("../../healing/queue/queue_entry.ts"),
  ]);
  const { dirs } = await loadHealingSettings(ctx.env, ctx.stderr);
  const scan = await scanQueue(dirs.data, ctx.now());
  reportCorrupt(ctx.stderr, scan.corrupt);
  const cleared: string[] = [];
  const busy: string[] = [];
  for (const { reportId } of scan.entries) {
    const claimed = await claimQueueEntry(entryPath(dirs.data, reportId)).catch((error) => {
      if (error instanceof CorruptQueueFile) return "gone" as const;
      throw error;
    });
    if (claimed === "gone") continue;
    if (claimed === "busy") {
      busy.push(reportId);
      continue;
    }
    try {
      await claimed.remove();
      cleared.push(reportId);
    } finally {
      claimed.release();
    }
  }
  await recordDropped(
    dirs.data,
    cleared.map((reportId) => ({
      reportId,
      droppedAt: ctx.now(),
      reason: "cleared by hand (caro queue clear)",
    })),
  );
  if (ctx.global.json) {
    ctx.stdout.write(JSON.stringify({ cleared, kept: busy }) + "\n");
  } else {
    ctx.stdout.write(`cleared ${counted(cleared.length, "queued report")}\n`);
    for (const id of busy) ctx.stdout.write(`kept ${id} (being sent by another caro process)\n`);
  }
  return 0;
}

function reportCorrupt(stderr: TextSink, corrupt: CorruptFile[]): void {
  for (const c of corrupt) {
    stderr.write(
      `warning: queue file ${c.file} is unreadable (${c.reason}); set aside as ${c.setAsideAs}, not sent\n`,
    );
  }
}
