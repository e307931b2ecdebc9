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
 * The child is caro: Ctrl-C reaches it from the terminal (the launcher waits
 * for it and returns its 130), and SIGTERM or SIGHUP sent to the launcher are
 * passed on to it, so the launcher never leaves it running alone. Under
 * `deno task caro` (which runs in this repository), files are named relative
 * to where the command was typed (`INIT_CWD`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { currentOs, exactPermissionFlags } from "../src/cli/permissions.ts";
import { namedFiles } from "../src/cli/named_files.ts";
import { processEnv } from "../src/platform/env.ts";
import { SILENT_SINK } from "../src/platform/text_sink.ts";
import { loadHealingSettings } from "../src/healing/settings/load_healing_settings.ts";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));
// The import map and lock file, wherever caro is run from (an installed `caro` runs anywhere).
const config = fileURLToPath(new URL("../deno.json", import.meta.url));
const cwd = commandDirectory(processEnv("INIT_CWD"), Deno.cwd(), dirname(config));
const named = namedFiles(Deno.args);
// Problems in the file are caro's to report (it reads the same file); here they only mean
// "no configured endpoint".
const { settings } = await loadHealingSettings(processEnv, SILENT_SINK);
const flags = exactPermissionFlags(processEnv, currentOs(), [], {
  endpoint: settings.endpoint.value,
  read: named.read.map((file) => resolve(cwd, file)),
  write: named.write.map((file) => resolve(cwd, file)),
});
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "--quiet", "--no-prompt", "--config", config, ...flags, main, ...Deno.args],
  cwd,
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
for (const name of Deno.build.os === "windows" ? [] : ["SIGTERM", "SIGHUP"] as const) {
  Deno.addSignalListener(name, () => child.kill(name));
}
// The terminal sends Ctrl-C to caro too; the launcher waits for its answer.
Deno.addSignalListener("SIGINT", () => {});
// A child ended by a signal has code 128 + its number (130 for Ctrl-C).
Deno.exit((await child.status).code);

/**
 * The directory caro runs in: where `deno task caro` was typed when this
 * launcher runs as that task (in the repository, with `INIT_CWD` set),
 * otherwise the current one (an installed `caro`).
 *
 * @example
 * ```ts ignore
 * commandDirectory("/home/ada/notes", "/src/caro", "/src/caro"); // "/home/ada/notes"
 * commandDirectory("/elsewhere", "/home/ada", "/src/caro"); // "/home/ada"
 * ```
 */
function commandDirectory(initCwd: string | undefined, cwd: string, repository: string): string {
  return initCwd && resolve(cwd) === resolve(repository) ? initCwd : cwd;
}
