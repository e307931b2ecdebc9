/**
 * `deno task install`: puts `caro` on the PATH from this source tree with
 * `deno install -g`. What is installed is the launcher (tools/caro.ts) with
 * its own flags (`LAUNCHER_PERMISSION_FLAGS`), so every run of the
 * installed `caro` gets the exact flags computed for that run: caro's own
 * dirs, the configured endpoint, the files named on its command line.
 * Arguments are passed to `deno install` (`--root DIR` installs into
 * `DIR/bin` instead of `~/.deno/bin`).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { delimiter, join } from "node:path";
import { LAUNCHER_PERMISSION_FLAGS } from "../src/cli/permissions.ts";
import { type EnvReader, processEnv } from "../src/platform/env.ts";

/**
 * The `deno install` arguments that install the launcher as `caro`.
 *
 * @example Installing into a chosen root
 * ```ts
 * import assert from "node:assert/strict";
 * import { installArgs } from "./install.ts";
 * const args = installArgs(["--root", "/tmp/caro-root"]);
 * assert.deepEqual(args.slice(0, 4), ["install", "--global", "--force", "--name"]);
 * assert(args.includes("--root") && args.at(-1)?.endsWith("tools/caro.ts"));
 * ```
 */
export function installArgs(extra: readonly string[]): string[] {
  return [
    "install",
    "--global",
    "--force",
    "--name",
    "caro",
    "--quiet",
    // deno install -g keeps its own lock for the launcher; caro itself runs under deno.lock.
    "--no-lock",
    "--config",
    fileURLToPath(new URL("../deno.json", import.meta.url)),
    ...LAUNCHER_PERMISSION_FLAGS,
    ...extra,
    fileURLToPath(new URL("./caro.ts", import.meta.url)),
  ];
}

/**
 * Where `deno install -g` puts `caro` for these arguments: `--root DIR`,
 * else `DENO_INSTALL_ROOT`, else `~/.deno`, each with `bin`; `undefined`
 * when no home is known.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { installedBinDir } from "./install.ts";
 * assert.equal(installedBinDir(["--root", "/opt/caro"], () => undefined), "/opt/caro/bin");
 * assert.equal(installedBinDir([], (n) => n === "HOME" ? "/home/ada" : undefined), "/home/ada/.deno/bin");
 * ```
 */
export function installedBinDir(args: readonly string[], env: EnvReader): string | undefined {
  const at = args.indexOf("--root");
  const root = (at === -1 ? undefined : args[at + 1]) ?? env("DENO_INSTALL_ROOT") ??
    ((home) => home && join(home, ".deno"))(env("HOME") ?? env("USERPROFILE"));
  return root && join(root, "bin");
}

if (import.meta.main) {
  const { code } = await new Deno.Command(Deno.execPath(), { args: installArgs(Deno.args) })
    .spawn().status;
  const bin = installedBinDir(Deno.args, processEnv);
  if (code === 0 && bin) {
    const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));
    say(`installed caro in ${bin}`);
    const path = processEnv("PATH");
    if (path !== undefined && !path.split(delimiter).includes(bin)) {
      say(`${bin} is not on your PATH: add it (export PATH="${bin}:$PATH")`);
    }
  }
  Deno.exitCode = code;
}
