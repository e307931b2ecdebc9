/**
 * A config file caro cannot read fails closed, through the launcher (the
 * installed `caro`, under its exact flags) against a counting service: not
 * TOML on its first line or a later one, not UTF-8, a directory, or a
 * `healing` that is no table. Sending is then off (nothing prompted, sent or
 * queued, no install key) with one warning line naming the file and saying
 * so; `caro config` shows `enabled = false` coming from that file; an
 * explicit `CARO_HEALING_ENABLED` still decides.
 */
import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { runExact } from "../../_support/exact_runs.ts";
import { type CountingService, filesUnder, startCountingService } from "./counting_service.ts";

const REPORT = ["--healing-consent", "minimal", "report", "--failure-type", "timeout"];
const NOT_TOML = "not valid TOML";
const DISABLED = "(sending disabled until the file is fixed)";

/** [name, how config.toml is made, the warning after `warning: <file>`]. */
const UNREADABLE: [string, (file: string) => Promise<void>, string][] = [
  [
    "a broken [healing] header on line 1",
    (file) => Deno.writeTextFile(file, "[healing\nenabled = false\n"),
    `:1: ${NOT_TOML}: illegal character in key ${DISABLED}`,
  ],
  [
    "a stray word after healing.enabled = false",
    (file) => Deno.writeTextFile(file, "healing.enabled = false\nfoo\n"),
    `:2: ${NOT_TOML}: illegal character in key ${DISABLED}`,
  ],
  [
    "bytes \\xff\\xfe (UTF-16) before the text",
    (file) =>
      Deno.writeFile(
        file,
        new Uint8Array([0xff, 0xfe, ...Array.from("[healing]\n", (c) => c.charCodeAt(0))]),
      ),
    `: cannot read: not UTF-8 text ${DISABLED}`,
  ],
  [
    "valid TOML with a byte that is not UTF-8 in a comment",
    (file) =>
      Deno.writeFile(
        file,
        new Uint8Array([
          ...Array.from("[healing]\nenabled = true\n# ", (c) => c.charCodeAt(0)),
          0xff,
          0x0a,
        ]),
      ),
    `: cannot read: not UTF-8 text ${DISABLED}`,
  ],
  [
    "[healing] twice (the error on a later line)",
    (file) => Deno.writeTextFile(file, "[healing]\nenabled = false\n\n[healing]\n"),
    `:4: ${NOT_TOML}: trying to redefine an already defined table or value ${DISABLED}`,
  ],
  [
    "healing = false (not a table)",
    (file) => Deno.writeTextFile(file, "healing = false\n"),
    `: healing: expected a [section] ${DISABLED}`,
  ],
  [
    "a directory where the file should be",
    (file) => Deno.mkdir(file),
    `: cannot read: it is a directory ${DISABLED}`,
  ],
];

async function withHome(
  make: (file: string) => Promise<void>,
  fn: (env: Record<string, string>, file: string, service: CountingService) => Promise<void>,
): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "caro-unreadable-config-" });
  const service = startCountingService();
  try {
    const file = join(home, "config", "config.toml");
    await Deno.mkdir(join(home, "config"));
    await make(file);
    await fn({ HOME: home, CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url }, file, service);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
}

function warnings(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("warning:"));
}

for (const [name, make, warning] of UNREADABLE) {
  Deno.test(`config.toml with ${name}: nothing sent or queued, one warning, caro config says why`, async () => {
    await withHome(make, async (env, file, service) => {
      const report = await runExact("launcher", REPORT, { env, stdin: "" });
      equal(report.code, 0, report.stderr);
      equal(report.stdout, "not sent (disabled)\n");
      deepEqual(warnings(report.stderr), [`warning: ${file}${warning}`]);
      equal(service.arrivals.length, 0);
      deepEqual(await filesUnder(join(env.HOME, "data")), [], "no queue, no install key");

      const config = await runExact("launcher", ["--json", "config"], { env });
      equal(config.code, 0, config.stderr);
      deepEqual(JSON.parse(config.stdout).settings["healing.enabled"], {
        value: false,
        source: "file",
        origin: file,
      });
      deepEqual(warnings(config.stderr), [`warning: ${file}${warning}`]);
    });
  });
}

Deno.test("an unreadable config.toml: notifications --refresh asks nothing; caro config lists the file as the source", async () => {
  await withHome((file) => Deno.writeTextFile(file, "[healing\n"), async (env, _file, service) => {
    const refresh = await runExact("launcher", ["notifications", "--refresh"], { env });
    equal(refresh.code, 0, refresh.stderr);
    equal(refresh.stdout, "no notices\n");
    equal(service.arrivals.length, 0);
    const config = await runExact("launcher", ["config"], { env });
    equal(config.stdout.split("\n")[1].replace(/ +/g, " "), "healing.enabled false file");
  });
});

Deno.test("an unreadable config.toml: an explicit CARO_HEALING_ENABLED still decides", async () => {
  await withHome((file) => Deno.writeTextFile(file, "[healing\n"), async (env, file, service) => {
    const enabled = await runExact("launcher", REPORT, {
      env: { ...env, CARO_HEALING_ENABLED: "true" },
      stdin: "",
    });
    equal(enabled.code, 0, enabled.stderr);
    deepEqual(warnings(enabled.stderr), [
      `warning: ${file}:1: ${NOT_TOML}: illegal character in key (using the default)`,
    ]);
    equal(service.reports().length, 1);

    const disabled = await runExact("launcher", ["--json", "config"], {
      env: { ...env, CARO_HEALING_ENABLED: "0" },
    });
    deepEqual(JSON.parse(disabled.stdout).settings["healing.enabled"], {
      value: false,
      source: "env",
      origin: "CARO_HEALING_ENABLED",
    });
  });
});
