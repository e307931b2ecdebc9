/**
 * Starts the healing service (`src/service/main.ts`) as its own process,
 * the way a maintainer runs it (a SQLite file or a PostgreSQL URL), and stops
 * it gently (SIGTERM) or as a crash would (SIGKILL). Its JSON log lines go
 * to a file. Used by the service's process tests, the chaos and fuzz tools
 * and the demo.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type EnvReader, processEnv } from "../src/platform/env.ts";
import { servicePermissionFlags } from "../src/service/service_permissions.ts";

/** Path of the service's entry point in this checkout. */
export const SERVICE_MAIN = fileURLToPath(new URL("../src/service/main.ts", import.meta.url));

/**
 * Quota overrides (`CARO_LIMIT_*`) high enough that test traffic from one
 * address and a few install keys is never answered 429 by the service itself.
 */
export const UNLIMITED_QUOTAS: Readonly<Record<string, string>> = {
  CARO_LIMIT_INSTALL_PER_HOUR: "1000000000",
  CARO_LIMIT_YOUNG_INSTALL_PER_HOUR: "1000000000",
  CARO_LIMIT_SOURCE_PER_HOUR: "1000000000",
  CARO_LIMIT_SOURCE_YOUNG_INSTALLS_PER_HOUR: "1000000000",
  CARO_LIMIT_CASE_PER_HOUR: "1000000000",
  CARO_LIMIT_GLOBAL_PER_MINUTE: "1000000000",
};

/** A running service process. */
export interface ServiceProcess {
  port: number;
  url: string;
  /** Stops it and waits for the exit; the exit code. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<{ code: number }>;
}

/**
 * `deno run` arguments for the service under its least-privilege flags
 * (`src/service/service_permissions.ts`), computed from its own arguments
 * and environment (`extraEnv` over this process's granted variables).
 *
 * @example Only the database's directory is readable
 * ```ts
 * import assert from "node:assert/strict";
 * import { serviceRunArgs } from "./service_process.ts";
 * const args = serviceRunArgs(["--db", "/srv/caro/healing.db"], {});
 * assert.equal(args.some((a) => a.startsWith("--allow-read=/srv/caro,")), true);
 * assert.equal(args.includes("--allow-read"), false);
 * ```
 */
export function serviceRunArgs(
  serviceArgs: readonly string[],
  extraEnv: Record<string, string>,
): string[] {
  const { values } = parseArgs({
    args: [...serviceArgs],
    options: { db: { type: "string" }, host: { type: "string" } },
    strict: false,
  });
  const env: EnvReader = (name) => extraEnv[name] ?? processEnv(name);
  const flags = typeof values.db === "string"
    ? servicePermissionFlags({
      db: values.db,
      host: typeof values.host === "string" ? values.host : undefined,
      env,
    })
    : [];
  return ["run", "--quiet", "--no-prompt", ...flags, SERVICE_MAIN, ...serviceArgs];
}

/** Options for {@link startService}. */
export interface StartServiceOptions {
  /** SQLite file or `postgres://` URL. */
  db: string;
  /** Where stderr (JSON log lines) is appended. */
  logFile: string;
  /** Extra environment for the service (quota overrides and the like). */
  env?: Record<string, string>;
  /** Give up waiting for `listening on …` after this long. Default 30 s. */
  startTimeoutMs?: number;
  /** Port to listen on. Default 0: a free one, read from the first line. */
  port?: number;
  /** `--public-url` (links in pages and notices). Default `http://127.0.0.1`. */
  publicUrl?: string;
  /** More service flags (`--max-connections 64`, `--header-timeout-ms 500`, …). */
  args?: readonly string[];
  /** Open-file limit of the service process (set with `prlimit` before it starts). */
  fileLimit?: number;
}

/**
 * Whether this checkout has the service yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { serviceIsPresent } from "./service_process.ts";
 * assert(typeof (await serviceIsPresent()) === "boolean");
 * ```
 */
export async function serviceIsPresent(): Promise<boolean> {
  return (await Deno.stat(SERVICE_MAIN).catch(() => undefined))?.isFile === true;
}

/**
 * Starts the service (on a free port unless `port` is given) and waits for
 * its first stdout line, `listening on http://127.0.0.1:<port>`.
 *
 * @example
 * ```ts ignore
 * import { startService } from "./service_process.ts";
 * const service = await startService({ db: "/tmp/x/healing.db", logFile: "/tmp/x/service.log" });
 * await fetch(`${service.url}/healthz`);
 * await service.stop();
 * ```
 */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  const log = await Deno.open(options.logFile, { append: true, create: true });
  const runArgs = serviceRunArgs(
    [
      "--port",
      String(options.port ?? 0),
      "--db",
      options.db,
      "--public-url",
      options.publicUrl ?? "http://127.0.0.1",
      ...options.args ?? [],
    ],
    options.env ?? {},
  );
  const limited = options.fileLimit !== undefined;
  const child = new Deno.Command(limited ? "prlimit" : Deno.execPath(), {
    args: limited
      ? [`--nofile=${options.fileLimit}:${options.fileLimit}`, Deno.execPath(), ...runArgs]
      : runArgs,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const logging = child.stderr.pipeTo(log.writable).catch(() => {});
  const exited = child.status;
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let firstLine = "";
  const timeout = options.startTimeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the service printed no "listening on" within ${timeout} ms`)),
        timeout,
      );
    });
    while (!firstLine.includes("\n")) {
      const { value, done } = await Promise.race([lines.read(), deadline]);
      if (done) break;
      firstLine += value;
    }
  } catch (error) {
    try {
      child.kill("SIGKILL");
    } catch { /* it has exited already */ }
    await exited;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const port = Number(/^listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(firstLine)?.[1]);
  // Keep reading stdout so the service never blocks on a full pipe.
  const draining = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })().catch(() => {});
  if (!port) {
    child.kill("SIGKILL");
    await exited;
    await logging;
    throw new Error(`the service's first line was not "listening on …": ${firstLine.trim()}`);
  }
  let stopped: Promise<{ code: number }> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop(signal = "SIGTERM") {
      stopped ??= (async () => {
        try {
          child.kill(signal);
        } catch { /* already exited */ }
        const { code } = await exited;
        await draining;
        await logging;
        return { code };
      })();
      return stopped;
    },
  };
}
