/**
 * Help for every command in every form (`--help`, `-h`, `help <path>`), run
 * the two ways users get caro (the bundle under `bundleRunFlags`, the
 * launcher under its own flags), with and without `NO_COLOR`, and on a
 * pseudo-terminal: exit 0, usage and examples on stdout, nothing on stderr.
 * (Every subcommand's help once crashed on `CLICOLOR_FORCE` unless
 * `NO_COLOR` was set.) The runs are independent: a few at a time
 * ({@link CHILD_CONCURRENCY}), all on the run's one bundle.
 */
import { equal, match } from "node:assert/strict";
import { commandHelp } from "../../src/cli/program.ts";
import { sharedBundle } from "./bundle.ts";
import { type CaroForm, exactArgv, runExact } from "../_support/exact_runs.ts";
import { CHILD_CONCURRENCY, mapPool } from "../_support/pool.ts";
import { HAS_SCRIPT, shellQuote, Terminal } from "../_support/pty_terminal.ts";
import { DENO_DIR } from "../_support/run_caro.ts";

/** Every command path, from the live tree: [], [doctor], [queue], [queue, flush] … */
function commandPaths(): string[][] {
  const paths: string[][] = [[]];
  const names = (help: string) =>
    [...(help.split("Commands:\n")[1] ?? "").matchAll(/^ {2}(\w+)/gm)].map((m) => m[1])
      .filter((name) => name !== "help");
  for (let i = 0; i < paths.length; i++) {
    for (const name of names(commandHelp(paths[i]))) paths.push([...paths[i], name]);
  }
  return paths;
}

const FORMS: [string, (path: string[]) => string[]][] = [
  ["--help", (path) => [...path, "--help"]],
  ["-h", (path) => [...path, "-h"]],
  ["help <path>", (path) => ["help", ...path]],
];

Deno.test("every command has help with usage and examples, in every form, under the exact flags", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "caro-help-" });
  try {
    const bundle = await sharedBundle();
    const paths = commandPaths();
    equal(paths.length >= 13, true, `found ${paths.map((p) => p.join(" ")).join(", ")}`);
    const runs = paths.flatMap((path) => FORMS.map(([name, argv]) => ({ path, name, argv })));
    for (const form of ["bundle", "launcher"] as CaroForm[]) {
      for (const colour of ["NO_COLOR=1", "colour allowed"]) {
        await t.step(`${form}, ${colour}`, async () => {
          const env = { HOME: dir, ...(colour === "NO_COLOR=1" ? { NO_COLOR: "1" } : {}) };
          await mapPool(runs, CHILD_CONCURRENCY, async ({ path, name, argv }) => {
            const run = await runExact(form, argv(path), { env, bundle });
            const what = `caro ${argv(path).join(" ")} (${name}): ${run.stderr}`;
            equal(run.code, 0, what);
            equal(run.stderr, "", what);
            match(
              run.stdout,
              new RegExp(`^Usage: caro${path.map((p) => ` ${p}`).join("")} `),
              what,
            );
            match(run.stdout, /\nExamples:\n( {2}# .*\n)? {2}\$ .*caro /, what);
          });
        });
      }
    }
    await t.step({
      name: "on a pseudo-terminal (bundle and launcher, colour allowed)",
      ignore: !HAS_SCRIPT,
      fn: async () => {
        const forms = ["bundle", "launcher"] as CaroForm[];
        const runs = forms.flatMap((form) => paths.map((path) => ({ form, path })));
        await mapPool(runs, CHILD_CONCURRENCY, async ({ form, path }) => {
          const argv = exactArgv(form, [...path, "--help"], { env: { HOME: dir }, bundle });
          const terminal = new Terminal(
            [Deno.execPath(), ...argv].map(shellQuote).join(" "),
            { HOME: dir, DENO_DIR },
          );
          const code = await terminal.exit();
          const what = `${form} caro ${path.join(" ")} --help:\n${terminal.screen}`;
          equal(code, 0, what);
          match(terminal.screen, /^Usage: caro/, what);
          match(terminal.screen, /\nExamples:\n/, what);
        });
      },
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a mistyped command under a subcommand gets a suggestion (bundle, exact flags)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-typo-" });
  try {
    const bundle = await sharedBundle();
    const run = await runExact("bundle", ["queue", "flsh"], { env: { HOME: dir }, bundle });
    equal(run.code, 2);
    equal(
      run.stderr,
      "error: unknown command 'flsh'\n(Did you mean flush?)\n(run with --help for usage)\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
