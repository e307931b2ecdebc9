/**
 * `caro config set` on a config.toml caro cannot parse says so, where, and
 * that the file must be fixed by hand (exit 1, the file untouched), instead
 * of blaming the key; a mistyped key gets commander's "Did you mean …?", as a
 * mistyped command does. Real processes (main.ts) with a temp HOME.
 */
import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../_support/run_caro.ts";

const BROKEN = "[healing\nenabled = tru\n";

/** Runs `fn` with a fresh HOME holding `text` as config.toml, removed afterwards. */
async function withConfig(
  text: string,
  fn: (env: Record<string, string>, file: string) => Promise<void>,
): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "caro-config-set-" });
  try {
    const file = join(home, ".config", "caro", "config.toml");
    await Deno.mkdir(join(home, ".config", "caro"), { recursive: true });
    await Deno.writeTextFile(file, text);
    await fn({ HOME: home }, file);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("config set on a file that is not TOML: where it is wrong, fix by hand, file untouched", async () => {
  await withConfig(BROKEN, async (env, file) => {
    const message = `${file}:1: not valid TOML: illegal character in key ` +
      "(fix the file by hand: caro changes only a file it can read)";
    for (
      const args of [["config", "set", "healing.enabled", "true"], [
        "config",
        "unset",
        "healing.enabled",
      ]]
    ) {
      const run = await runCaro(args, { env });
      deepEqual([run.code, run.stdout, run.stderr], [1, "", `error: ${message}\n`], args.join(" "));
    }
    const json = await runCaro(["--json", "config", "set", "healing.enabled", "true"], { env });
    equal(json.code, 1);
    deepEqual(JSON.parse(json.stdout), { error: { code: "failed", message } });
    equal(await Deno.readTextFile(file), BROKEN);
  });
});

Deno.test("config set with a mistyped key: Did you mean …?", async () => {
  await withConfig("[healing]\nenabled = true\n", async (env, file) => {
    const key = await runCaro(["config", "set", "healing.enabledd", "true"], { env });
    equal(key.code, 2);
    equal(
      key.stderr,
      'error: "healing.enabledd" is not a key caro knows. Did you mean healing.enabled?\n' +
        "(run with --help for usage)\n",
    );
    const section = await runCaro(["config", "set", "helaing.consent_level", "full"], { env });
    equal(section.code, 2);
    equal(
      section.stderr.split("\n")[0],
      'error: "helaing.consent_level" is not a config key: write section.key, ' +
        "e.g. healing.consent_level. Did you mean healing.consent_level?",
    );
    const far = await runCaro(["--json", "config", "set", "healing.colour", "red"], { env });
    deepEqual(JSON.parse(far.stdout), {
      error: { code: "usage", message: '"healing.colour" is not a key caro knows' },
    });
    equal(await Deno.readTextFile(file), "[healing]\nenabled = true\n");
  });
});

Deno.test("config unset of a key the file does not set says so and leaves the file alone", async () => {
  await withConfig("[healing]\nenabled = true\n", async (env, file) => {
    const run = await runCaro(["config", "unset", "healing.remember"], { env });
    equal(run.code, 0);
    equal(run.stdout, `healing.remember was not set in ${file}: nothing changed\n`);
    const json = await runCaro(["--json", "config", "unset", "healing.remember"], { env });
    deepEqual(JSON.parse(json.stdout), { unset: "healing.remember", path: file, changed: false });
    equal(await Deno.readTextFile(file), "[healing]\nenabled = true\n");
    const set = await runCaro(["config", "unset", "healing.enabled"], { env });
    equal(set.stdout, `unset healing.enabled in ${file}\n`);
  });
});
