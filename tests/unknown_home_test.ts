/**
 * Without a home directory (no HOME, USERPROFILE or CARO_HOME, no XDG
 * variables), caro never puts its config, queue or keys under the current
 * directory: every command that needs its directories fails with one line,
 * exit 1, and writes nothing; commands that need none still work; the doctor
 * says why the directories are unknown, telling "not set" from "not
 * granted". Real processes, through the launcher (`deno task caro`, the
 * installed `caro`, under its exact flags) and main.ts, each in an empty
 * temp working directory.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { runCaro, runDeno } from "./_support/run_caro.ts";
import { exactArgv } from "./_support/exact_runs.ts";

const NO_HOME = "error: caro cannot find your home directory: set HOME (or CARO_HOME)\n";

/** Runs `fn` in a fresh empty directory, then checks it is still empty. */
async function inEmptyDir(fn: (cwd: string) => Promise<void>): Promise<void> {
  const cwd = await Deno.makeTempDir({ prefix: "caro-no-home-" });
  try {
    await fn(cwd);
    deepEqual(await Array.fromAsync(Deno.readDir(cwd)), [], "nothing written in the cwd");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
}

/** `caro ARGS…` through the launcher, with no variable set but PATH and DENO_DIR. */
function launcher(args: string[], cwd: string) {
  return runDeno(exactArgv("launcher", args, { env: {} }), { cwd, stdin: "" });
}

Deno.test("no home: commands that need caro's dirs fail in one line, exit 1, writing nothing", async () => {
  await inEmptyDir(async (cwd) => {
    for (
      const args of [
        ["config", "set", "healing.consent_level", "full"],
        ["config"],
        ["queue"],
        ["--healing-consent", "minimal", "report", "--failure-type", "timeout"],
      ]
    ) {
      const run = await launcher(args, cwd);
      deepEqual([run.code, run.stdout, run.stderr], [1, "", NO_HOME], args.join(" "));
    }
    const json = await launcher(["--json", "config", "set", "healing.enabled", "false"], cwd);
    equal(json.code, 1);
    deepEqual(JSON.parse(json.stdout), {
      error: { code: "failed", message: NO_HOME.slice("error: ".length, -1) },
    });
    equal(json.stderr, "");
  });
});

Deno.test("no home: --version, --help, sanitize and completions still work", async () => {
  await inEmptyDir(async (cwd) => {
    const version = await launcher(["--version"], cwd);
    equal(version.code, 0, version.stderr);
    match(version.stdout, /^caro \d/);
    equal((await launcher(["--help"], cwd)).code, 0);
    const sanitize = await runDeno(exactArgv("launcher", ["sanitize"], { env: {} }), {
      cwd,
      stdin: "mail ada@example.org\n",
    });
    equal(sanitize.code, 0, sanitize.stderr);
    equal(sanitize.stdout, "mail <EMAIL>\n");
    const completions = await launcher(["completions", "bash"], cwd);
    equal(completions.code, 0, completions.stderr);
    match(completions.stdout, /^complete .* caro$/m);
  });
});

Deno.test("no home: an empty or relative HOME is no home either (main.ts, every grant)", async () => {
  await inEmptyDir(async (cwd) => {
    for (const HOME of ["", "."]) {
      const run = await runCaro(["config", "set", "healing.enabled", "false"], {
        env: { HOME },
        cwd,
      });
      deepEqual([run.code, run.stderr], [1, NO_HOME], `HOME=${JSON.stringify(HOME)}`);
    }
  });
});

Deno.test("no home: the doctor says HOME is not set, or that HOME may not be read", async () => {
  await inEmptyDir(async (cwd) => {
    const unset = await runCaro(["doctor", "--json"], { env: {}, cwd });
    const notSet = "caro's directories are unknown: HOME is not set (set HOME or CARO_HOME)";
    const why = (stdout: string) =>
      Object.fromEntries(
        JSON.parse(stdout).not_collected.map((m: { item: string; why: string }) => [
          m.item,
          m.why,
        ]),
      );
    equal(why(unset.stdout).config, notSet);
    equal(why(unset.stdout)["backend.embedded"], notSet);

    const denied = await runCaro(["doctor", "--json"], {
      env: { HOME: cwd },
      permissions: ["--allow-read", "--allow-write", "--allow-net=127.0.0.1"],
      cwd,
    });
    equal(
      why(denied.stdout).config,
      "caro's directories are unknown: permission not granted (env access to HOME)",
    );
  });
});
