/**
 * `deno task caro …` (and the `caro` that `deno task install` puts on the
 * PATH): runs main.ts under caro's exact least-privilege permission set,
 * computed for this user and this command line at launch: read/write only
 * on caro's own config, data and cache dirs (src/cli/permissions.ts), net to
 * the healing endpoint in use (`CARO_HEALING_ENDPOINT`, else
 * `[healing] endpoint` in config.toml), and exactly the files named on the
 * command line (`caro sanitize FILE`, `report --submit FILE` to read,
 * `report --export FILE` to write; src/cli/named_files.ts). Permissions are
 * fixed when a Deno process starts, so this launcher spawns
 * `deno run <flags> main.ts` and passes the exit code through.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { currentOs, exactPermissionFlags } from "../src/cli/permissions.ts";
import { namedFiles } from "../src/cli/named_files.ts";
import { processEnv } from "../src/platform/env.ts";
import { SILENT_SINK } from "../src/platform/text_sink.ts";
import { loadHealingSettings } from "../src/healing/settings/load_healing_settings.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
// The import map and lock file, wherever caro is run from (an installed `caro` runs anywhere).
const config = fileURLToPath(new URL("../deno.json", import.meta.url));
const named = namedFiles(Deno.args);
// Problems in the file are caro's to report (it reads the same file); here they only mean
// "no configured endpoint".
const { settings } = await loadHealingSettings(processEnv, SILENT_SINK);
const flags = exactPermissionFlags(processEnv, currentOs(), [], {
  endpoint: settings.endpoint.value,
  read: named.read.map((file) => resolve(file)),
  write: named.write.map((file) => resolve(file)),
});
const { code } = await new Deno.Command(Deno.execPath(), {
  args: ["run", "--quiet", "--no-prompt", "--config", config, ...flags, main, ...Deno.args],
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn().status;
Deno.exitCode = code;
