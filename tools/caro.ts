/**
 * `deno task caro …`: runs main.ts under caro's exact least-privilege
 * permission set, computed for this user at launch (read/write only on
 * caro's own config, data and cache dirs; see src/cli/permissions.ts).
 * Permissions are fixed when a Deno process starts, so this launcher spawns
 * `deno run <flags> main.ts` and passes the exit code through.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { currentOs, exactPermissionFlags } from "../src/cli/permissions.ts";
import { processEnv } from "../src/platform/env.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
const flags = exactPermissionFlags(processEnv, currentOs());
const { code } = await new Deno.Command(Deno.execPath(), {
  args: ["run", "--quiet", "--no-prompt", ...flags, main, ...Deno.args],
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn().status;
Deno.exitCode = code;
