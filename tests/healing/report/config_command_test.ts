/**
 * `caro config` through the real CLI: sources (env over file over default),
 * `set`/`unset` checked as caro reads them with comments kept, `path`, and a
 * malformed file that warns in one line naming file, line and key while
 * caro still runs (and sends nothing when the file is not TOML at all).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";

async function withHome(fn: (home: string, file: string) => Promise<void>) {
  const home = await Deno.makeTempDir({ prefix: "caro-config-cmd-" });
  try {
    await fn(home, join(home, "config", "config.toml"));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("caro config shows each healing setting with its source", async () => {
  await withHome(async (home, file) => {
    await Deno.mkdir(join(home, "config"));
    await Deno.writeTextFile(
      file,
      '# mine\n[healing]\nconsent_level = "minimal"\nenabled = true\n',
    );
    const run = await runCaro(["--json", "config"], {
      env: { CARO_HOME: home, CARO_HEALING_ENABLED: "false" },
    });
    equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    equal(out.path, file);
    deepEqual(out.settings["healing.enabled"], {
      value: false,
      source: "env",
      origin: "CARO_HEALING_ENABLED",
    });
    deepEqual(out.settings["healing.consent_level"], {
      value: "minimal",
      source: "file",
      origin: "healing.consent_level",
    });
    deepEqual(out.settings["healing.endpoint"], {
      value: "https://heal.caro.example",
      source: "default",
    });
    const text = await runCaro(["config"], { env: { CARO_HOME: home } });
    match(text.stdout, /^healing\.consent_level +minimal +file$/m);
  });
});

Deno.test("caro config set checks the value like caro reads it, keeps comments; unset removes", async () => {
  await withHome(async (home, file) => {
    const env = { CARO_HOME: home };
    equal((await runCaro(["config", "set", "healing.enabled", "false"], { env })).code, 0);
    await Deno.writeTextFile(file, "# keep me\n" + await Deno.readTextFile(file));
    equal((await runCaro(["config", "set", "healing.contact", "@ada_l"], { env })).code, 0);
    equal(
      await Deno.readTextFile(file),
      '# keep me\n[healing]\nenabled = false\ncontact = "@ada_l"\n',
    );
    const wrong = await runCaro(["config", "set", "healing.consent_level", "everything"], { env });
    equal(wrong.code, 2);
    match(wrong.stderr, /^error: healing.consent_level: expected one of minimal, standard, full\n/);
    const unknown = await runCaro(["config", "set", "healing.colour", "red"], { env });
    equal(unknown.code, 2);
    match(unknown.stderr, /"healing.colour" is not a key caro knows/);
    equal((await runCaro(["config", "unset", "healing.enabled"], { env })).code, 0);
    equal(await Deno.readTextFile(file), '# keep me\n[healing]\ncontact = "@ada_l"\n');
    equal((await runCaro(["config", "path"], { env })).stdout, `${file}\n`);
  });
});

Deno.test("a malformed config: one warning line naming file, line and key; caro still runs", async () => {
  await withHome(async (home, file) => {
    await Deno.mkdir(join(home, "config"));
    await Deno.writeTextFile(file, '[healing]\nendpoint = "https://ok.example"\nenabled = "yes"\n');
    const run = await runCaro(["config"], { env: { CARO_HOME: home } });
    equal(run.code, 0);
    equal(
      run.stderr,
      `warning: ${file}:3: healing.enabled: expected true or false (sending disabled)\n`,
    );
    match(run.stdout, /^healing\.endpoint +https:\/\/ok\.example +file$/m);
    // A file caro cannot parse may say enabled = false: sending fails closed.
    await Deno.writeTextFile(file, "[healing\nenabled = true\n");
    const report = await runCaro(["report", "--failure-type", "timeout"], {
      env: { CARO_HOME: home },
    });
    equal(report.code, 0);
    match(
      report.stderr,
      new RegExp(
        `^warning: ${file}:1: not valid TOML: .* \\(sending disabled until the file is fixed\\)\n`,
      ),
    );
    equal(report.stdout, "not sent (disabled)\n");
  });
});

Deno.test("a change while the legacy cmdai file is in use migrates its text, never writes the legacy file", async () => {
  await withHome(async (home, file) => {
    const legacy = join(home, "legacy-config", "config.toml");
    await Deno.mkdir(join(home, "legacy-config"));
    await Deno.writeTextFile(legacy, '[backend]\ntype = "ollama"\n');
    const run = await runCaro(["config", "set", "healing.consent_level", "minimal"], {
      env: { CARO_HOME: home },
    });
    equal(run.code, 0, run.stderr);
    equal(
      await Deno.readTextFile(file),
      '[backend]\ntype = "ollama"\n\n[healing]\nconsent_level = "minimal"\n',
    );
    equal(await Deno.readTextFile(legacy), '[backend]\ntype = "ollama"\n');
  });
});

Deno.test("caro config never shows the password in the endpoint's URL", async () => {
  const home = await Deno.makeTempDir();
  try {
    const env = { HOME: home, CARO_HEALING_ENDPOINT: "https://healuser:s3cretpw@heal.example.org" };
    const text = await runCaro(["config"], { env });
    match(text.stdout, /^healing\.endpoint +https:\/\/healuser:\*\*\*\*@heal\.example\.org +env /m);
    const json = await runCaro(["--json", "config"], { env });
    equal(
      JSON.parse(json.stdout).settings["healing.endpoint"].value,
      "https://healuser:****@heal.example.org",
    );
    ok(!text.stdout.includes("s3cretpw") && !json.stdout.includes("s3cretpw"));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
