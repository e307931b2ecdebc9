/**
 * The launcher (`deno task caro`, and the installed `caro`) never leaves
 * caro running alone: SIGTERM and SIGHUP sent to the launcher's process only
 * (a supervisor, `kill PID`) reach caro too, and the launcher answers with
 * caro's exit status. (Ctrl-C, which the terminal sends to both, is in
 * tests/healing/report/consent_pty_test.ts.)
 */
import { equal } from "node:assert/strict";
import { join } from "node:path";
import { exactArgv } from "../_support/exact_runs.ts";

/** Runs `pgrep` or `pkill` on the caro processes (main.ts, not the launcher) naming `marker`. */
async function caroProcesses(command: "pgrep" | "pkill", marker: string): Promise<string> {
  const out = await new Deno.Command(command, {
    args: ["-f", `main\\.ts sanitize .*${marker}`],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

for (const signal of ["SIGTERM", "SIGHUP"] as const) {
  Deno.test({
    name: `launcher: ${signal} to the launcher alone ends caro too`,
    ignore: Deno.build.os === "windows",
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "caro-launcher-signal-" });
      const marker = crypto.randomUUID();
      // Opening a FIFO without a writer blocks: caro waits there until stopped.
      const fifo = join(dir, `${marker}.fifo`);
      await new Deno.Command("mkfifo", { args: [fifo] }).output();
      const launcher = new Deno.Command(Deno.execPath(), {
        args: exactArgv("launcher", ["sanitize", fifo], { env: {} }),
        env: { HOME: dir },
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
      try {
        while (!(await caroProcesses("pgrep", marker))) {
          await new Promise((resolve) => AbortSignal.timeout(50).onabort = resolve);
        }
        launcher.kill(signal);
        const status = await launcher.status;
        equal(status.code, signal === "SIGTERM" ? 143 : 129, "caro's status, passed through");
        equal(await caroProcesses("pgrep", marker), "", "no caro left running");
      } finally {
        await caroProcesses("pkill", marker); // one left behind (the bug this guards against)
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
