/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temp dir, `pg_ctl
 * start` on 127.0.0.1 with a free port (unix socket in the same dir), trust
 * auth for one user, stopped and deleted by `stop()`. Root cannot run the
 * server, so as root the binaries run through `runuser -u postgres`.
 *
 * Binaries are looked up in `$CARO_PG_BIN`, then Debian's
 * `/usr/lib/postgresql/<N>/bin` (highest N), then `PATH`.
 *
 * @module
 */
import { join } from "node:path";

/** A running throwaway cluster. */
export interface ThrowawayPostgres {
  /** `postgres://caro@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Finds the directory holding `initdb` and `pg_ctl`, or undefined.
 *
 * @example
 * ```ts ignore
 * const bin = await findPostgresBin(Deno.env.get("CARO_PG_BIN"));
 * ```
 */
export async function findPostgresBin(explicit: string | undefined): Promise<string | undefined> {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  try {
    const versions: number[] = [];
    for await (const entry of Deno.readDir("/usr/lib/postgresql")) {
      if (/^\d+$/.test(entry.name)) versions.push(Number(entry.name));
    }
    versions.sort((a, b) => b - a).forEach((v) => candidates.push(`/usr/lib/postgresql/${v}/bin`));
  } catch { /* not Debian's layout */ }
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (await isFile(join(dir, "initdb")) && await isFile(join(dir, "pg_ctl"))) return dir;
  }
  return undefined;
}

/**
 * Starts a cluster with the binaries in `bin`.
 *
 * @example
 * ```ts ignore
 * const pg = await startThrowawayPostgres("/usr/lib/postgresql/15/bin");
 * try { console.log(pg.url); } finally { await pg.stop(); }
 * ```
 */
export async function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres> {
  const dir = await Deno.makeTempDir({ prefix: "caro-pg-" });
  const data = join(dir, "data");
  const asRoot = Deno.uid() === 0;
  if (asRoot) await run("chown", ["postgres:", dir]);
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args])
      : run(join(bin, tool), args);
  const port = freePort();
  const stop = async () => {
    await pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    await pg("initdb", ["-D", data, "-U", "caro", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await pg("pg_ctl", [
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "30",
      "-o",
      `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`,
      "start",
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://caro@127.0.0.1:${port}/postgres`, stop };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function run(command: string, args: string[]): Promise<void> {
  const out = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) {
    const detail = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" | ");
    throw new Error(`Cannot run "${command} ${args[0]}…": exit ${out.code}: ${detail}`);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
