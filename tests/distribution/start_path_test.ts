/**
 * The start-up path: what `caro --version` and the direct doctor path load,
 * and proof that the direct doctor path behaves exactly like the commander
 * path for the command lines it takes.
 */
import { deepEqual, equal } from "node:assert/strict";
import { dirname, join } from "node:path";
import { directDoctorGlobals } from "../../main.ts";
import { runCaro } from "../helpers/run_caro.ts";
import { bundleCli } from "./bundle.ts";

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
  const dir = await Deno.makeTempDir();
  try {
    const entry = await bundleCli(dir);
    const seen = new Set<string>();
    const pending = [entry];
    const staticImports: string[] = [];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = await Deno.readTextFile(file);
      for (const [, spec] of text.matchAll(/(?:^|[;}\s])import\s*[^("']*?from\s*"([^"]+)"/g)) {
        staticImports.push(spec);
        if (spec.startsWith("./")) pending.push(join(dirname(file), spec));
      }
      equal(/commander/i.test(text), false, `${file} mentions commander`);
    }
    deepEqual(staticImports.filter((spec) => spec.startsWith("node:")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
