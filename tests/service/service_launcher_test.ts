/**
 * `deno task service` as a maintainer runs it (the task, its launcher
 * `tools/service.ts`, and the service it spawns under exact flags):
 * SIGTERM, SIGINT or SIGHUP sent to the launcher's process alone stop the
 * service too, the launcher answers with the service's status and the port
 * is free again; `--host ::1` and `--host ::` serve over IPv6.
 */
import { equal, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../..", import.meta.url));

/** Whether this machine can listen on the IPv6 loopback. */
function hasIpv6Loopback(): boolean {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

/** A running `deno task -q service`. */
interface Task {
  port: number;
  /** The first stdout line (`listening on http://…:<port>`). */
  firstLine: string;
  /** `deno task` itself. */
  process: Deno.ChildProcess;
  /** The launcher's PID (`tools/service.ts`; the service is its child). */
  launcher: number;
  /** Everything the service wrote on stderr so far (its log lines). */
  stderr(): string;
}

/**
 * Starts `deno task -q service` with `args` (naming a file in `dir`) and
 * waits for its first stdout line.
 */
async function startTask(dir: string, args: string[]): Promise<Task> {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "service", ...args],
    cwd: REPOSITORY,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let errors = "";
  process.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (text) => void (errors += text) }),
  ).catch(() => {});
  const lines = process.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let firstLine = "";
  while (!firstLine.includes("\n")) {
    const { value, done } = await lines.read();
    if (done) break;
    firstLine += value;
  }
  (async () => {
    while (!(await lines.read()).done) { /* keep the pipe open and empty */ }
  })().catch(() => {});
  const port = Number(/:(\d+)\n/.exec(firstLine)?.[1]);
  const [launcher] = await pidsOf("tools/service.ts", dir);
  const [service] = await pidsOf("src/service/main.ts", dir);
  if (!port || !launcher || !service) {
    await killAll(dir);
    await process.status;
    throw new Error(
      `launcher ${launcher}, service ${service}, first line ${
        JSON.stringify(firstLine)
      }\n${errors}`,
    );
  }
  return { port, firstLine: firstLine.trim(), process, launcher, stderr: () => errors };
}

/** PIDs of the processes whose command line runs `script` with an argument under `dir`. */
async function pidsOf(script: string, dir: string): Promise<number[]> {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const out = await new Deno.Command("pgrep", {
    args: ["-f", `${escape(script)} .*${escape(dir)}`],
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean).map(Number);
}

/** Kills every process whose command line names `dir` (what a failed stop leaves behind). */
async function killAll(dir: string): Promise<void> {
  for (const pid of await pidsOf("", dir)) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch { /* gone already */ }
  }
}

/** Resolves with `promise`, or rejects after `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const STATUS_AFTER: Record<"SIGTERM" | "SIGINT" | "SIGHUP", number> = {
  SIGTERM: 0, // the service stops cleanly
  SIGINT: 0, // the service stops cleanly
  SIGHUP: 129, // the service does not handle it: ended by the signal, 128 + 1
};

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  Deno.test({
    name: `deno task service: ${signal} to the launcher alone stops the service and frees the port`,
    ignore: Deno.build.os === "windows",
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "caro-service-launcher-" });
      const task = await startTask(dir, ["--port", "0", "--db", join(dir, "x.db")]);
      try {
        equal((await fetch(`http://127.0.0.1:${task.port}/healthz`)).status, 200);
        Deno.kill(task.launcher, signal);
        const status = await within(10_000, "the task's exit", task.process.status);
        equal(status.code, STATUS_AFTER[signal], `the service's status\n${task.stderr()}`);
        equal((await pidsOf("tools/service.ts", dir)).length, 0, "no launcher left");
        equal((await pidsOf("src/service/main.ts", dir)).length, 0, "no service left");
        await rejects(
          Deno.connect({ hostname: "127.0.0.1", port: task.port }),
          Deno.errors.ConnectionRefused,
        );
      } finally {
        // Ends what the bug this guards against would leave running.
        await killAll(dir);
        await task.process.status;
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

const ipv6 = hasIpv6Loopback();
for (const host of ["::1", "::"]) {
  Deno.test({
    name: `deno task service --host ${host}: healthz answers 200 over IPv6` +
      (ipv6 ? "" : " (skipped: this machine cannot listen on ::1)"),
    ignore: !ipv6,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "caro-service-ipv6-" });
      const task = await startTask(dir, ["--host", host, "--port", "0", "--db", join(dir, "h.db")]);
      try {
        equal(task.firstLine, `listening on http://[${host}]:${task.port}`);
        const res = await fetch(`http://[::1]:${task.port}/healthz`);
        equal(res.status, 200);
        match(await res.text(), /"ok"/);
      } finally {
        Deno.kill(task.launcher, "SIGTERM");
        equal((await task.process.status).code, 0, task.stderr());
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
