/**
 * `deno task service --db FILE|postgres://… [--port N] [--host H]
 * [--public-url URL]`: runs the healing service under its least-privilege
 * permission set, computed from these arguments and the environment at
 * launch (`src/service/service_permissions.ts`): read/write only on the
 * SQLite file's directory, network only to the listen host and the
 * configured PostgreSQL, GitHub and SMTP hosts, environment only by name.
 * Permissions are fixed when a Deno process starts, so this launcher spawns
 * `deno run <flags> src/service/main.ts` and exits with its status.
 *
 * The launcher never leaves the service running alone: SIGTERM, SIGINT and
 * SIGHUP sent to the launcher's process only (a supervisor, `kill PID`) are
 * passed on to the service, which stops cleanly on SIGTERM and SIGINT (a
 * Ctrl-C reaches it twice, from the terminal and from here; the second one
 * changes nothing). A service ended by a signal gives 128 + its number.
 *
 * @module
 */
import { serviceRunArgs } from "./service_process.ts";

const child = new Deno.Command(Deno.execPath(), {
  args: serviceRunArgs(Deno.args, {}),
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
// Windows has no SIGTERM or SIGHUP to listen for, and its Ctrl-C reaches every process anyway.
const signals = Deno.build.os === "windows" ? [] : ["SIGTERM", "SIGINT", "SIGHUP"] as const;
for (const signal of signals) {
  Deno.addSignalListener(signal, () => {
    try {
      child.kill(signal);
    } catch { /* it has exited already: its status is on its way */ }
  });
}
Deno.exit((await child.status).code);
