/**
 * `caro report` as a real process in its own process group (util-linux
 * `setsid`), so a test can do what Ctrl-C on a terminal does: SIGINT to the
 * whole group. Its output is collected while it runs.
 */
import { fileURLToPath } from "node:url";
import { DENO_DIR } from "../../_support/run_caro.ts";

const MAIN = fileURLToPath(new URL("../../../main.ts", import.meta.url));

/** The failure every test here reports, with consent given up front. */
export const REPORT_ARGS = [
  "--healing-consent",
  "standard",
  "report",
  "--request",
  "list the ten largest files",
  "--failure-type",
  "generation",
  "--stage",
  "inference",
];

/** A running caro process. */
export interface CaroProcess {
  /** The process id, which is also its process group id. */
  pid: number;
  /** Sends `signal` to the process group, as a terminal does on Ctrl-C; false when it is gone. */
  signalGroup(signal: Deno.Signal): boolean;
  /** Waits for the end: exit code, stdout, stderr, and the wall time from spawn. */
  done: Promise<{ code: number; stdout: string; stderr: string; elapsedMs: number }>;
}

/**
 * Spawns `caro ARGS…` (all permissions) with exactly `env`, in a new session.
 *
 * @example
 * ```ts ignore
 * const caro = spawnCaro(REPORT_ARGS, { CARO_HOME: home, CARO_HEALING_ENDPOINT: url });
 * caro.signalGroup("SIGINT");
 * const { code } = await caro.done;
 * ```
 */
export function spawnCaro(args: string[], env: Record<string, string>): CaroProcess {
  const started = performance.now();
  const child = new Deno.Command("setsid", {
    args: [Deno.execPath(), "run", "--no-prompt", "--allow-all", MAIN, ...args],
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", DENO_DIR, ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const done = child.output().then((out) => ({
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    elapsedMs: performance.now() - started,
  }));
  return {
    pid: child.pid,
    signalGroup(signal) {
      try {
        Deno.kill(-child.pid, signal);
        return true;
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return false; // already exited
        throw error;
      }
    },
    done,
  };
}
