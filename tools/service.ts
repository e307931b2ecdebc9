/**
 * `deno task service --db FILE|postgres://… [--port N] [--host H]
 * [--public-url URL]`: runs the healing service under its least-privilege
 * permission set, computed from these arguments and the environment at
 * launch (`src/service/service_permissions.ts`): read/write only on the
 * SQLite file's directory, network only to the listen host and the
 * configured PostgreSQL, GitHub and SMTP hosts, environment only by name.
 * Permissions are fixed when a Deno process starts, so this launcher spawns
 * `deno run <flags> src/service/main.ts` and passes the exit code through
 * (signals reach the child through the process group).
 *
 * @module
 */
import { serviceRunArgs } from "./service_process.ts";

const { code } = await new Deno.Command(Deno.execPath(), {
  args: serviceRunArgs(Deno.args, {}),
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn().status;
Deno.exitCode = code;
