/**
 * Runs `src/service/main.ts` as a real process and reads its first stdout
 * line (`listening on http://127.0.0.1:<port>`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/service/main.ts", import.meta.url));

/** A running service process. */
export interface ServiceProcess {
  url: string;
  /** SIGTERM, then the exit status and everything it wrote on stderr. */
  stop(): Promise<{ code: number; stderr: string }>;
}

/**
 * Starts the service process on port 0.
 *
 * @example
 * ```ts ignore
 * const svc = await startServiceProcess(["--db", "/tmp/x.db"]);
 * await svc.stop();
 * ```
 */
export async function startServiceProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      MAIN,
      "--port",
      "0",
      ...args,
    ],
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  const first = text.split("\n")[0];
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
  if (!match) {
    child.kill("SIGTERM");
    await child.status;
    throw new Error(`service did not start: ${first} ${await stderr}`);
  }
  return {
    url: match[1],
    async stop() {
      child.kill("SIGTERM");
      const status = await child.status;
      await reader.cancel();
      return { code: status.code, stderr: await stderr };
    },
  };
}
