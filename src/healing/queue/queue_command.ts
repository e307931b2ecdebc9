/**
 * `caro queue` (what waits, attempts, next retry, rate limit, what was
 * dropped and why), `caro queue flush` (send now; one line per report on
 * stdout: `submitted <id> <case>` / `kept <id> (<reason>)` /
 * `dropped <id> (<reason>)`) and `caro queue clear` (drop everything,
 * recorded in `dropped.jsonl`).
 *
 * @module
 */
import type { CliContext } from "../../cli/context.ts";
import { CaroError } from "../../errors.ts";
import { describeRefusal } from "../consent/decide_consent.ts";
import { loadHealingSettings } from "../config/load_healing_settings.ts";
import { loadOrCreateInstallKey } from "../identity/install_key.ts";
import { healingOffReason } from "../submit/healing_off.ts";
import { claimQueueEntry } from "./claim_entry.ts";
import { readDropped, recordDropped } from "./dropped_log.ts";
import { flushQueue, type FlushResult } from "./flush_queue.ts";
import { formatTime } from "./format_time.ts";
import { CorruptQueueFile } from "./queue_entry.ts";
import { entryPath, queueDir } from "./queue_paths.ts";
import { activeRateLimit } from "./rate_limit.ts";
import { type CorruptFile, scanQueue } from "./scan_queue.ts";

/** How many drop records `caro queue` shows. */
const SHOWN_DROPS = 10;

/**
 * `caro queue`: lists the queue.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueueCommand } from "./queue_command.ts";
 * import { envFrom } from "../../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const home = await Deno.makeTempDir();
 * await runQueueCommand({}, { env: envFrom({ CARO_HOME: home }), stdout: sink, stderr: sink,
 *   stdinIsTerminal: false, now: Date.now, global: { json: false, healing: true, verbose: false } }, []);
 * assert(out.startsWith("no reports waiting"));
 * ```
 */
export async function runQueueCommand(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
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
  reportCorrupt(ctx, scan.corrupt);
  const lines: string[] = [];
  if (scan.entries.length === 0) lines.push("no reports waiting to be sent");
  else {
    lines.push(`${scan.entries.length} report(s) waiting to be sent (${queueDir(dirs.data)}):`);
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
  for (const name of scan.setAside) lines.push(`set aside as corrupt: ${name}`);
  ctx.stdout.write(lines.join("\n") + "\n");
  return 0;
}

/**
 * `caro queue flush`: sends every queued report now (one try each, 60 s in
 * all), printing one line per report.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueueFlush } from "./queue_command.ts";
 * import { envFrom } from "../../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const home = await Deno.makeTempDir();
 * await runQueueFlush({}, { env: envFrom({ CARO_HOME: home }), stdout: sink, stderr: sink,
 *   stdinIsTerminal: false, now: Date.now, global: { json: false, healing: true, verbose: false } }, []);
 * assert(out === "nothing to send\n");
 * ```
 */
export async function runQueueFlush(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
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
  if (ctx.global.json) {
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
  reportCorrupt(ctx, result.corrupt);
  const out = [
    ...result.capped.map((d) => `dropped ${d.reportId} (${d.reason})`),
    ...result.lines.map((line) =>
      line.result === "submitted"
        ? `submitted ${line.reportId} ${line.caseId}`
        : `${line.result} ${line.reportId} (${line.reason})`
    ),
  ];
  ctx.stdout.write(out.length === 0 ? "nothing to send\n" : out.join("\n") + "\n");
  return 0;
}

/**
 * `caro queue clear`: drops every queued report (recorded in `dropped.jsonl`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runQueueClear } from "./queue_command.ts";
 * import { envFrom } from "../../platform/env.ts";
 * let out = "";
 * const sink = { isTerminal: false, write: (t: string) => { out += t; } };
 * const home = await Deno.makeTempDir();
 * await runQueueClear({}, { env: envFrom({ CARO_HOME: home }), stdout: sink, stderr: sink,
 *   stdinIsTerminal: false, now: Date.now, global: { json: false, healing: true, verbose: false } }, []);
 * assert(out === "cleared 0 queued report(s)\n");
 * ```
 */
export async function runQueueClear(
  _options: unknown,
  ctx: CliContext,
  _args: string[],
): Promise<number> {
  const { dirs } = await loadHealingSettings(ctx.env, ctx.stderr);
  const scan = await scanQueue(dirs.data, ctx.now());
  reportCorrupt(ctx, scan.corrupt);
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
    ctx.stdout.write(`cleared ${cleared.length} queued report(s)\n`);
    for (const id of busy) ctx.stdout.write(`kept ${id} (being sent by another caro process)\n`);
  }
  return 0;
}

function reportCorrupt(ctx: CliContext, corrupt: CorruptFile[]): void {
  for (const c of corrupt) {
    ctx.stderr.write(
      `warning: queue file ${c.file} is unreadable (${c.reason}); set aside as ${c.setAsideAs}, not sent\n`,
    );
  }
}
