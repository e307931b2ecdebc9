/**
 * Opt-out fails closed, through the real CLI against a counting service:
 * every spelling of "no" in `[healing] enabled` or `CARO_HEALING_ENABLED`
 * (and any value but `true`) disables sending with one warning line; an
 * opted-out install sends nothing at all, `caro notifications --refresh`
 * included, and creates no install key (nor any data).
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";
import { filesUnder, startCountingService } from "./counting_service.ts";

const REPORT = [
  "--healing-consent",
  "full",
  "report",
  "--request",
  "list big files",
  "--failure-type",
  "generation",
];

/** [name, config.toml text or undefined, env, whether a warning line is expected]. */
const OPT_OUTS: [string, string | undefined, Record<string, string>, boolean][] = [
  ["enabled = false", "[healing]\nenabled = false\n", {}, false],
  ['enabled = "false"', '[healing]\nenabled = "false"\n', {}, true],
  ["enabled = False (not TOML)", "[healing]\nenabled = False\n", {}, true],
  ["enabled = 0", "[healing]\nenabled = 0\n", {}, true],
  ['enabled = "no"', '[healing]\nenabled = "no"\n', {}, true],
  ['enabled = "true" (a string)', '[healing]\nenabled = "true"\n', {}, true],
  ["CARO_HEALING_ENABLED=false", undefined, { CARO_HEALING_ENABLED: "false" }, false],
  ["CARO_HEALING_ENABLED=False", undefined, { CARO_HEALING_ENABLED: "False" }, false],
  ["CARO_HEALING_ENABLED=0", undefined, { CARO_HEALING_ENABLED: "0" }, false],
  ["CARO_HEALING_ENABLED=no", undefined, { CARO_HEALING_ENABLED: "no" }, true],
  ["CARO_HEALING_ENABLED=off", undefined, { CARO_HEALING_ENABLED: "off" }, true],
  ["CARO_HEALING_ENABLED=maybe", undefined, { CARO_HEALING_ENABLED: "maybe" }, true],
];

async function optedOutHome(config: string | undefined): Promise<string> {
  const home = await Deno.makeTempDir({ prefix: "caro-opt-out-" });
  if (config !== undefined) {
    await Deno.mkdir(join(home, "config"));
    await Deno.writeTextFile(join(home, "config", "config.toml"), config);
  }
  return home;
}

for (const [name, config, env, warns] of OPT_OUTS) {
  Deno.test(`opt-out ${name}: report and notifications --refresh send nothing, no key`, async () => {
    const service = startCountingService();
    const home = await optedOutHome(config);
    try {
      const runEnv = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, ...env };
      const report = await runCaro(["--json", ...REPORT], { env: runEnv });
      equal(report.code, 0, report.stderr);
      deepEqual(JSON.parse(report.stdout), { status: "not_sent", reason: "disabled" });
      const warnings = report.stderr.split("\n").filter((line) => line.startsWith("warning:"));
      equal(warnings.length, warns ? 1 : 0, report.stderr);
      if (warns) match(warnings[0], /\(sending disabled( until the file is fixed)?\)$/);

      const refresh = await runCaro(["notifications", "--refresh"], { env: runEnv });
      equal(refresh.code, 0, refresh.stderr);
      match(refresh.stderr, /not asked: healing is disabled/);

      equal(service.arrivals.length, 0);
      deepEqual(await filesUnder(join(home, "data")), [], "no install key, no data at all");
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}

const REFRESH_REFUSALS: [string, string[], string | undefined, Record<string, string>, RegExp][] = [
  [
    "a remembered Never",
    [],
    '[healing]\nremember = "never"\n',
    {},
    /not asked: you chose "never"/,
  ],
  ["--no-healing", ["--no-healing"], undefined, {}, /--no-healing/],
  ["DO_NOT_TRACK=1", [], undefined, { DO_NOT_TRACK: "1" }, /not asked/],
];

for (const [name, globals, config, env, says] of REFRESH_REFUSALS) {
  Deno.test(`notifications --refresh with ${name}: zero requests, no key`, async () => {
    const service = startCountingService();
    const home = await optedOutHome(config);
    try {
      const run = await runCaro([...globals, "notifications", "--refresh"], {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, ...env },
      });
      match(run.stderr, says);
      equal(service.arrivals.length, 0);
      deepEqual(await filesUnder(join(home, "data")), []);
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  });
}

Deno.test("CARO_HEALING_ENABLED=true over a file's opt-out: the explicit true enables", async () => {
  const service = startCountingService();
  const home = await optedOutHome('[healing]\nenabled = "no"\n');
  try {
    const run = await runCaro(REPORT, {
      env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, CARO_HEALING_ENABLED: "true" },
    });
    equal(run.code, 0, run.stderr);
    equal(service.reports().length, 1);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
