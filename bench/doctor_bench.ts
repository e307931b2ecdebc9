/**
 * `deno bench -A bench/doctor_bench.ts`: the doctor's speed.
 *
 * - in-process collection (`diagnose`, all probes, nothing listening
 *   on the backend ports): target median ≤ 30 ms;
 * - `caro doctor --json` as a whole process under its exact permission set
 *   (the bundle in dist/caro when `deno task bundle` made one, with its
 *   `deno run` flags, and main.ts from source), each against a Deno hello-world spawned the same way in
 *   the same group: target ≤ 2.0× the baseline;
 * - a black-hole Ollama (accepts, never answers): how long the doctor takes
 *   when a probe has to time out (bounded by the per-probe limit).
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnose } from "../src/doctor/run_diagnostics.ts";
import { envGranted, processEnv } from "../src/platform/env.ts";
import { bundleRunFlags, currentOs, exactPermissionFlags } from "../src/cli/permissions.ts";
import { BUNDLE_DIR, BUNDLE_ENTRY } from "../tools/bundle.ts";
import { blackHole, closedPort } from "../tools/fake_backends.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const home = await Deno.makeTempDir({ prefix: "caro-doctor-bench-" });
const hello = join(home, "hello.js");
await Deno.writeTextFile(hello, 'console.log("hello");\n');
const bundle = join(ROOT, BUNDLE_DIR, BUNDLE_ENTRY);
const bundled = await Deno.stat(bundle).then(() => true, () => false);
const env: Record<string, string> = {
  CARO_HOME: home,
  PATH: Deno.env.get("PATH") ?? "",
  SHELL: Deno.env.get("SHELL") ?? "/bin/sh",
  OLLAMA_HOST: `127.0.0.1:${closedPort()}`,
};
const sourceFlags = ["--quiet", "--no-prompt", ...exactPermissionFlags((n) => env[n], currentOs())];
const bundleFlags = [
  "--quiet",
  "--no-prompt",
  ...bundleRunFlags((n) => env[n], currentOs(), join(ROOT, BUNDLE_DIR)),
];

async function spawn(args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    env,
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (out.code > 1) throw new Error(new TextDecoder().decode(out.stderr));
}

const deps = { env: (name: string) => env[name] ?? processEnv(name), envAllowed: envGranted };
await diagnose({ deps }); // create the hash key, warm the imports

Deno.bench("doctor: in-process collection (diagnose)", { group: "in-process" }, async () => {
  await diagnose({ deps });
});

const hole = blackHole();
const holeEnv: Record<string, string> = { ...env, OLLAMA_HOST: `127.0.0.1:${hole.port}` };
Deno.bench("doctor: in-process, Ollama a black hole", { group: "black hole", n: 3 }, async () => {
  await diagnose({ deps: { ...deps, env: (name) => holeEnv[name] ?? processEnv(name) } });
});

Deno.bench("baseline: deno run hello.js", { group: "process", baseline: true }, async () => {
  await spawn(["run", "--quiet", hello]);
});

if (bundled) {
  Deno.bench("caro doctor --json (bundle, its deno run flags)", { group: "process" }, async () => {
    await spawn(["run", ...bundleFlags, bundle, "doctor", "--json"]);
  });
}

Deno.bench("caro doctor --json (main.ts from source)", { group: "process" }, async () => {
  await spawn(["run", ...sourceFlags, join(ROOT, "main.ts"), "doctor", "--json"]);
});

globalThis.addEventListener("unload", () => {
  hole.close();
  Deno.removeSync(home, { recursive: true });
});
