/**
 * Runs the real caro CLI (`deno run -A main.ts …`, or a bundle of it) as one simulated user's
 * process for the chaos run, with a clean environment (`CARO_HOME` per
 * install, the endpoint pointing at the fault proxy), and can kill it with
 * SIGKILL at a chosen moment, as a crash, a closed laptop or an OOM kill would.
 * Also parses what `caro report` and `caro queue flush` print.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** How one caro process ended. */
export interface CaroProcessResult {
  stdout: string;
  /** The last 2,000 characters of stderr. */
  stderrTail: string;
  code: number;
  /** Killed by the harness (at the chosen moment, at the deadline or at a queue write). */
  killed: boolean;
  /** Killed because a temp file appeared in the watched queue directory. */
  killedAtWrite: boolean;
  /**
   * Sent SIGINT (Ctrl-C) by the harness while it ran, and ended by it: died
   * of the signal, or caught it and exited 130 (`caro report` stops sending,
   * says the report stays queued, and exits 130).
   */
  interrupted: boolean;
  /** stdout or stderr carried a control or bidi character (an escape from the service). */
  unsafeOutput: boolean;
}

/** Options for {@link runCaroProcess}. */
export interface CaroProcessOptions {
  /** The whole environment of the process. */
  env: Record<string, string>;
  /**
   * The CLI's entry point: main.ts of this checkout (the default) or a bundle's
   * entry chunk (`deno task bundle`'s `dist/caro/main.js`: the same code,
   * started without loading the sources).
   */
  entry?: string;
  /** SIGKILL after this many ms (if still running). */
  killAfterMs?: number;
  /**
   * SIGKILL as soon as a file whose name starts with `tempPrefix` is created
   * in `dir`: a crash in the middle of an atomic write.
   */
  killOnWrite?: { dir: string; tempPrefix: string };
  /**
   * SIGINT (what Ctrl-C sends) `afterMs` after a report file appeared in
   * `dir`: the report was just written ahead, the first send is under way.
   */
  interruptOnQueued?: { dir: string; afterMs: number };
}

/**
 * What must never reach a terminal from the service: control characters but
 * newline and tab, and the bidi/invisible format characters (U+202E …).
 */
export const UNSAFE_OUTPUT =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Runs `caro ARGS…` and waits for it to end (or to be killed).
 *
 * @example
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { runCaroProcess } from "./caro_process.ts";
 * const run = await runCaroProcess(["--version"], { env: {} });
 * assert(run.code === 0);
 * ```
 */
export async function runCaroProcess(
  args: string[],
  options: CaroProcessOptions,
): Promise<CaroProcessResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-prompt", options.entry ?? MAIN, ...args],
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let killed = false;
  let killedAtWrite = false;
  let interrupted = false;
  let interruptTimer: ReturnType<typeof setTimeout> | undefined;
  const kill = () => {
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  };
  const timer = options.killAfterMs === undefined
    ? undefined
    : setTimeout(kill, options.killAfterMs);
  const watcher = options.killOnWrite && Deno.watchFs(options.killOnWrite.dir);
  const watching = watcher && (async () => {
    for await (const event of watcher) {
      const names = event.paths.map((path) => path.split(/[\\/]/).pop() ?? "");
      if (
        event.kind === "create" && names.some((n) => n.startsWith(options.killOnWrite!.tempPrefix))
      ) {
        killedAtWrite = true;
        kill();
        return;
      }
    }
  })().catch(() => {});
  const queued = options.interruptOnQueued;
  const queueWatcher = queued && Deno.watchFs(queued.dir);
  const watchingQueue = queueWatcher && (async () => {
    for await (const event of queueWatcher) {
      const names = event.paths.map((path) => path.split(/[\\/]/).pop() ?? "");
      if (names.some((n) => n.endsWith(".report") && !n.startsWith("."))) {
        interruptTimer = setTimeout(() => {
          interrupted = true;
          try {
            child.kill("SIGINT");
          } catch { /* already gone */ }
        }, queued.afterMs);
        return;
      }
    }
  })().catch(() => {});
  try {
    const output = await child.output();
    const decoder = new TextDecoder();
    const bySignal = output.signal === "SIGKILL";
    const stdout = decoder.decode(output.stdout);
    const stderr = decoder.decode(output.stderr);
    return {
      stdout,
      stderrTail: stderr.slice(-2000),
      code: output.code,
      killed: killed && bySignal,
      killedAtWrite: killedAtWrite && bySignal,
      interrupted: interrupted && (output.signal === "SIGINT" || output.code === 130),
      unsafeOutput: UNSAFE_OUTPUT.test(stdout) || UNSAFE_OUTPUT.test(stderr),
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(interruptTimer);
    watcher?.close();
    queueWatcher?.close();
    await watching;
    await watchingQueue;
  }
}

/** What one `caro report` said about its report. */
export type ReportOutcome =
  | { status: "submitted"; reportId: string; caseId: string }
  | { status: "queued"; reportId: string; reason: string }
  | { status: "rejected"; reportId: string; reason: string }
  | { status: "none"; output: string };

/**
 * Reads the result line of `caro report` (`submitted <id> <case> <url>`,
 * `queued <id> (<reason>)`, `rejected <id> (<reason>)`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseReportOutput } from "./caro_process.ts";
 * const out = parseReportOutput("submitted r1 CARO-2026-001 http://x/cases/CARO-2026-001\n");
 * assert(out.status === "submitted" && out.caseId === "CARO-2026-001");
 * ```
 */
export function parseReportOutput(stdout: string): ReportOutcome {
  for (const line of stdout.split("\n")) {
    const submitted = /^submitted (\S+) (\S+)/.exec(line);
    if (submitted) return { status: "submitted", reportId: submitted[1], caseId: submitted[2] };
    const other = /^(queued|rejected) (\S+) \((.*)\)$/.exec(line);
    if (other) {
      return { status: other[1] as "queued" | "rejected", reportId: other[2], reason: other[3] };
    }
  }
  return { status: "none", output: stdout.trim().slice(0, 200) };
}

/** One report line of `caro queue flush --json`. */
export interface FlushedReport {
  reportId: string;
  status: string;
  caseId?: string;
  reason?: string;
}

/**
 * Reads `caro queue flush --json` (`{reports: [{report_id, status, case_id?, reason?}], …}`);
 * an empty list when the process died before printing it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFlushOutput } from "./caro_process.ts";
 * const out = parseFlushOutput('{"reports":[{"report_id":"r1","status":"submitted","case_id":"C"}],"dropped":[],"corrupt":[]}');
 * assert(out.reports[0].caseId === "C");
 * ```
 */
export function parseFlushOutput(stdout: string): {
  reports: FlushedReport[];
  dropped: string[];
  corrupt: string[];
} {
  try {
    const parsed = JSON.parse(stdout.trim().split("\n").pop() ?? "");
    return {
      reports: (parsed.reports ?? []).map((r: Record<string, string>) => ({
        reportId: r.report_id,
        status: r.status,
        caseId: r.case_id,
        reason: r.reason,
      })),
      dropped: (parsed.dropped ?? []).map((d: Record<string, string>) => d.report_id),
      corrupt: (parsed.corrupt ?? []).map((c: Record<string, string>) => c.file),
    };
  } catch {
    return { reports: [], dropped: [], corrupt: [] };
  }
}
