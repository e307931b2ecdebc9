/**
 * The start-up path: what `caro --version` and the direct doctor path load,
 * and proof that the direct doctor path behaves exactly like the commander
 * path for the command lines it takes.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { dirname, join } from "node:path";
import { directDoctorGlobals } from "../../main.ts";
import { runCaro } from "../_support/run_caro.ts";
import { sharedBundle } from "./bundle.ts";
import { staticImports } from "../../tools/eager_compile.ts";
import { currentOs, exactPermissionFlags, LAZY_IMPORTS_FLAG } from "../../src/cli/permissions.ts";

Deno.test("the direct doctor path takes only doctor with --json / --no-healing", () => {
  deepEqual(directDoctorGlobals(["doctor"]), {
    json: false,
    healing: true,
    healingConsent: undefined,
    verbose: false,
  });
  equal(directDoctorGlobals(["doctor", "--no-healing", "--json"])?.healing, false);
  for (
    const args of [["doctor", "-v"], ["doctor", "--markdown"], ["--json", "doctor"], ["queue"]]
  ) {
    equal(directDoctorGlobals(args), undefined, args.join(" "));
  }
});

Deno.test("direct and commander paths print the same for the same doctor run", async () => {
  const home = await Deno.makeTempDir();
  try {
    const env = { CARO_HOME: home, HOME: home };
    const mask = (text: string) => text.replace(/\d+/g, "N");
    for (
      const [direct, viaCommander] of [
        [["doctor"], ["doctor", "--"]],
        [["doctor", "--json"], ["--json", "doctor"]],
        [["doctor", "--no-healing", "--json"], ["--no-healing", "--json", "doctor"]],
      ]
    ) {
      const a = await runCaro(direct, { env });
      const b = await runCaro(viaCommander, { env });
      equal(a.code, b.code, direct.join(" "));
      equal(a.stderr, b.stderr, direct.join(" "));
      equal(mask(a.stdout), mask(b.stdout), direct.join(" "));
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro --version statically loads no node: module and no commander", async () => {
  const entry = await sharedBundle();
  const seen = new Set<string>();
  const pending = [entry];
  const imported: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await Deno.readTextFile(file);
    for (const spec of staticImports(text)) {
      imported.push(spec);
      if (spec.startsWith("./")) pending.push(join(dirname(file), spec));
    }
    equal(/commander/i.test(text), false, `${file} mentions commander`);
  }
  deepEqual(imported.filter((spec) => spec.startsWith("node:")), []);
});

Deno.test("with lazy dynamic imports, the doctor's chunks are read only when it runs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const entry = await sharedBundle();
    const env = { CARO_HOME: join(dir, "home"), PATH: Deno.env.get("PATH") ?? "" };
    // The bundle's run flags, minus read access to the bundle's own directory.
    const flags = [
      LAZY_IMPORTS_FLAG,
      ...exactPermissionFlags((name) => (env as Record<string, string>)[name], currentOs()),
    ];
    const run = (args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "--quiet", "--no-prompt", ...flags, entry, ...args],
        env,
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
    // The entry and its static imports need no grant (Deno loads the main graph itself) ...
    const version = await run(["--version"]);
    equal(version.code, 0, new TextDecoder().decode(version.stderr));
    // ... the doctor's chunks are read when it runs: without the grant, it cannot. (Without
    // the lazy flag Deno would have read them at start, and the doctor would run.)
    const doctor = await run(["doctor", "--json"]);
    match(new TextDecoder().decode(doctor.stderr), /Requires read access to ".*\/doctor-\w+\.js"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
