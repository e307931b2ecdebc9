/**
 * What every command run does for the healing client before and after the
 * command itself, without delaying it:
 *
 * 1. Pending notices: one small local file is read; news is drawn in a box
 *    on stderr (terminal only, never with `--json`), then marked shown.
 * 2. In the background, while the command runs: queued reports whose retry
 *    is due are flushed, and at most once a day the service is asked for
 *    news on this install's cases. This work gets {@link START_UP_BUDGET_MS}
 *    from start; when the command is done first, the process waits at most
 *    for the rest of that budget, then aborts what is still in flight (the
 *    queue records the attempt; nothing is lost).
 *
 * None of it happens for `--version`/`--help`, for `completions`, `queue`,
 * `forget` and `notifications` (they handle the queue and notices
 * themselves), or when healing is off (`--no-healing`, `DO_NOT_TRACK`,
 * `enabled = false`). A failure here never fails the command.
 *
 * @module
 */
import type { CliContext } from "./context.ts";
import { SILENT_SINK } from "../platform/text_sink.ts";
import { doNotTrack } from "../healing/submit/healing_off.ts";
import { caroDirs } from "../platform/dirs.ts";
import { join } from "../platform/path.ts";
import { queueHasDueEntry } from "../healing/queue/queue_due.ts";

/** Time the background work may take, from start-up. */
export const START_UP_BUDGET_MS = 1_000;
/** After aborting, how long to let aborted requests settle. */
const SETTLE_MS = 200;

/** Commands whose start does no healing work. */
const OWN_HEALING_WORK = new Set(["completions", "queue", "forget", "notifications", "help"]);
/** Root flags that take a value (so the value is not taken for the command name). */
const VALUE_FLAGS = new Set(["--healing-consent"]);

/** The background part, to be awaited (bounded) when the command is done. */
export interface StartUpWork {
  finish(): Promise<void>;
}

const NOTHING: StartUpWork = { finish: () => Promise.resolve() };

/**
 * The subcommand a command line runs, or `undefined` for none / help.
 *
 * @example Root flags and their values are skipped
 * ```ts
 * import assert from "node:assert/strict";
 * import { commandOf } from "./start_up.ts";
 * assert(commandOf(["--json", "doctor"]) === "doctor");
 * assert(commandOf(["--healing-consent", "full", "report"]) === "report");
 * assert(commandOf(["doctor", "--help"]) === undefined);
 * ```
 */
export function commandOf(args: readonly string[]): string | undefined {
  if (args.some((arg) => arg === "--help" || arg === "-h")) return undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") return undefined;
    if (VALUE_FLAGS.has(args[i])) i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/**
 * Runs the start-up part (the notice box) and starts the background part.
 *
 * @example A fresh install: nothing to show or send
 * ```ts
 * import assert from "node:assert/strict";
 * import { startUp } from "./start_up.ts";
 * import { memoryContext } from "./context.ts";
 * const run = memoryContext({ env: { CARO_HOME: await Deno.makeTempDir() } });
 * const work = await startUp(["cases"], run.ctx);
 * await work.finish();
 * assert.equal(run.stderr(), "");
 * ```
 */
export async function startUp(
  args: readonly string[],
  ctx: CliContext,
  budgetMs: number = START_UP_BUDGET_MS,
): Promise<StartUpWork> {
  const started = performance.now();
  const command = commandOf(args);
  if (command === undefined || OWN_HEALING_WORK.has(command)) return NOTHING;
  if (args.includes("--no-healing") || doNotTrack(ctx.env)) return NOTHING;
  try {
    const due = await dueWork(ctx, args.includes("--json") || !ctx.stderr.isTerminal);
    if (!due.notices && !due.flush && !due.check) return NOTHING; // nothing to show, send or ask
    const { loadHealingSettings } = await import("../healing/settings/load_healing_settings.ts");
    const { dirs, settings } = await loadHealingSettings(ctx.env, SILENT_SINK);
    if (!settings.enabled.value) return NOTHING;
    if (due.notices && settings.showNotifications.value) {
      const { showPendingNotices } = await import(
        "../healing/notification/show_pending_notices.ts"
      );
      await showPendingNotices({
        dataDir: dirs.data,
        stderr: ctx.stderr,
        json: args.includes("--json"),
        now: ctx.now(),
      });
    }
    if (!due.flush && !due.check) return NOTHING;
    const controller = new AbortController();
    const left = () => Math.max(0, budgetMs - (performance.now() - started));
    const background = { dataDir: dirs.data, endpoint: settings.endpoint.value, ctx, left };
    // Each part's modules load before its work starts, so it never waits on loading mid-way
    // (with --json the hook itself runs beside the command).
    const work = Promise.all([
      due.flush ? flushDue(background, controller.signal).catch(() => {}) : undefined,
      due.check ? checkDue(background, controller.signal).catch(() => {}) : undefined,
    ]);
    return {
      async finish() {
        await within(work, left());
        controller.abort();
        await within(work, SETTLE_MS);
      },
    };
  } catch {
    return NOTHING; // a broken data dir must not stop the command
  }
}

/** Which parts of the hook have anything to do, from file times and queue headers (no modules). */
interface DueWork {
  /** There is a notices file and a box may be shown (a terminal, no --json). */
  notices: boolean;
  /** A queued report's retry is due (by its header line; the full scan checks the body). */
  flush: boolean;
  /** Reports were sent and the service was not asked for news within the last day. */
  check: boolean;
}

/**
 * What is due, cheaply. The notice check counts as done within a day of the
 * notices file's last write (every check writes it; a dismissal does too,
 * which can put the next check off by up to a day).
 */
async function dueWork(ctx: CliContext, noBox: boolean): Promise<DueWork> {
  const data = caroDirs(ctx.env, Deno.build.os).data;
  const stat = (name: string) => Deno.lstat(join(data, name)).catch(() => undefined);
  const [queue, cases, notices] = await Promise.all([
    queueHasDueEntry(data, ctx.now()),
    stat("cases.json"),
    stat("notices.json"),
  ]);
  const checkedAt = notices?.mtime?.getTime() ?? -Infinity;
  return {
    notices: notices !== undefined && !noBox,
    flush: queue,
    check: (cases !== undefined || notices !== undefined) && ctx.now() - checkedAt >= DAY_MS,
  };
}

/** A day, the notice check's interval (`CHECK_INTERVAL_MS` in check_notifications.ts). */
const DAY_MS = 24 * 60 * 60 * 1000;

interface Background {
  dataDir: string;
  endpoint: string;
  ctx: CliContext;
  left: () => number;
}

async function flushDue(b: Background, signal: AbortSignal): Promise<void> {
  const [{ scanQueue }, { activeRateLimit }, { flushQueue }, { loadOrCreateInstallKey }] =
    await Promise.all([
      import("../healing/queue/scan_queue.ts"),
      import("../healing/queue/rate_limit.ts"),
      import("../healing/queue/flush_queue.ts"),
      import("../healing/identity/install_key.ts"),
    ]);
  const now = b.ctx.now;
  const due = (await scanQueue(b.dataDir, now())).entries.some((e) => e.nextRetryAt <= now());
  if (!due || await activeRateLimit(b.dataDir, now())) return;
  await flushQueue({
    dataDir: b.dataDir,
    endpoint: b.endpoint,
    installKey: await loadOrCreateInstallKey(b.dataDir),
    now,
    dueOnly: true,
    budgetMs: b.left(),
    perTryTimeoutMs: Math.max(1, b.left()),
    signal,
  });
}

async function checkDue(b: Background, signal: AbortSignal): Promise<void> {
  const { checkNotifications } = await import("../healing/notification/check_notifications.ts");
  await checkNotifications({
    dataDir: b.dataDir,
    endpoint: b.endpoint,
    env: b.ctx.env,
    now: b.ctx.now,
    signal,
    timeoutMs: Math.max(1, b.left()),
  });
}

/**
 * Waits for `promise`, but at most `ms`. A timeout signal, not `setTimeout`:
 * Deno's first `setTimeout` loads Node's timers (~3 ms at every start).
 */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  const timeout = AbortSignal.timeout(ms);
  let onTimeout = () => {};
  const timedOut = new Promise<void>((resolve) => {
    onTimeout = resolve;
    timeout.addEventListener("abort", onTimeout, { once: true });
  });
  await Promise.race([promise, timedOut]);
  // A listener keeps the signal's timer, and with it the process, alive.
  timeout.removeEventListener("abort", onTimeout);
}
