/**
 * The bundled CLI, run with `deno run --no-prompt` under exactly its flags
 * from src/cli/permissions.ts (`bundleRunFlags`: the exact per-user
 * permission lists, plus read access to the bundle's own directory for its
 * lazily imported chunks), needs nothing more for any subcommand. A binary's
 * baked lists differ only in granting the whole home root instead of caro's
 * dirs (a superset), and it embeds its chunks.
 */
import { deepEqual, doesNotMatch, equal, match, ok } from "node:assert/strict";
import { dirname, join } from "node:path";
import {
  bundleRunFlags,
  CLI_ALLOWED_ENV,
  currentOs,
  endpointHost,
  exactPermissionFlags,
  LAUNCHER_ENV_VARS,
} from "../../src/cli/permissions.ts";
import { ROOT, sharedBundle } from "./bundle.ts";

interface Case {
  args: string[];
  stdin?: string;
  /** Exit codes that mean "ran as designed" (doctor exits 1 on warnings). */
  codes: number[];
}

const CASES: Case[] = [
  { args: ["--version"], codes: [0] },
  { args: ["--help"], codes: [0] },
  { args: ["doctor"], codes: [0, 1] },
  { args: ["doctor", "--json"], codes: [0, 1] },
  { args: ["doctor", "--markdown"], codes: [0, 1] },
  { args: ["sanitize"], stdin: "mail ada@example.org from /home/ada/src\n", codes: [0] },
  { args: ["report", "--export", "DATA/report.json", "--request", "list files"], codes: [0] },
  { args: ["queue"], codes: [0] },
  { args: ["cases"], codes: [0] },
  { args: ["notifications"], codes: [0] },
  { args: ["config"], codes: [0] },
  { args: ["completions", "bash"], codes: [0] },
  { args: ["completions", "zsh"], codes: [0] },
  { args: ["completions", "fish"], codes: [0] },
  { args: ["completions", "powershell"], codes: [0] },
];

const PERMISSION_TROUBLE = /NotCapable|Requires \w+ access|run again with|--allow-|⚠️/;

async function runBundled(
  bundle: string,
  home: string,
  args: string[],
  stdin = "",
  extraEnv: Record<string, string> = {},
) {
  const env = { HOME: home, PATH: Deno.env.get("PATH") ?? "", NO_COLOR: "1", CI: "1", ...extraEnv };
  const flags = bundleRunFlags(
    (name) => (env as Record<string, string>)[name],
    currentOs(),
    dirname(bundle),
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--no-prompt", ...flags, bundle, ...args],
    env,
    clearEnv: true,
    cwd: home,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const out = await child.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

Deno.test("every subcommand of the bundle runs under exactly its flags", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const bundle = await sharedBundle();
    const home = join(dir, "home");
    await Deno.mkdir(home);
    const data = join(home, ".local", "share", "caro");
    for (const { args, stdin, codes } of CASES) {
      const resolved = args.map((arg) => arg.replace("DATA/", `${data}/`));
      await t.step(`caro ${args.join(" ")}`, async () => {
        const run = await runBundled(bundle, home, resolved, stdin);
        const context = `exit ${run.code}\nstderr: ${run.stderr}`;
        doesNotMatch(run.stderr, PERMISSION_TROUBLE, context);
        doesNotMatch(run.stderr, /not built yet|caro hit a bug/, context);
        ok(codes.includes(run.code), context);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("reading outside the grant fails with one clear line, never a prompt", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bundle = await sharedBundle();
    const outside = join(dir, "outside.txt");
    await Deno.writeTextFile(outside, "token ghp_x\n");
    const run = await runBundled(bundle, dir, ["sanitize", outside]);
    equal(run.code, 1);
    equal(run.stdout, "");
    equal(
      run.stderr,
      `error: Cannot read "${outside}": caro is not allowed to read it (caro is granted its own ` +
        `folders and only the files named to its launcher, deno task caro). ` +
        `Instead run: caro sanitize < ${outside}\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the caro task's launcher is granted exactly the variables it reads", async () => {
  const task = JSON.parse(await Deno.readTextFile(join(ROOT, "deno.json"))).tasks.caro as string;
  const env = task.match(/--allow-env=(\S+)/)?.[1].split(",");
  deepEqual(env, [...LAUNCHER_ENV_VARS]);
  match(task, / tools\/caro\.ts$/);
});

Deno.test("every environment variable the CLI names is in the --allow-env list", async () => {
  const missing: string[] = [];
  for await (const file of walk(join(ROOT, "src"))) {
    if (file.includes("/service/") || file.endsWith("_test.ts")) continue;
    const text = await Deno.readTextFile(file);
    const reads = text.matchAll(
      /\b(?:env|processEnv|envGranted|Deno\.env\.get)\("([A-Za-z_][A-Za-z0-9_]*)"\)/g,
    );
    for (const [, name] of reads) {
      if (!CLI_ALLOWED_ENV.includes(name)) missing.push(`${name} (${file.slice(ROOT.length)})`);
    }
  }
  deepEqual(missing, []);
});

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".tsx")) yield path;
  }
}

Deno.test("a custom healing endpoint in the environment is added to the exact --allow-net", () => {
  const env = (name: string) =>
    ({ CARO_HOME: "/tmp/c", CARO_HEALING_ENDPOINT: "http://127.0.0.1:8787" })[name];
  const net = exactPermissionFlags(env, "linux").find((flag) => flag.startsWith("--allow-net="));
  ok(net?.split("=")[1].split(",").includes("127.0.0.1:8787"), net);
  equal(endpointHost("ftp://example.org"), undefined);
});

Deno.test("no shell or interpreter can be run under the exact flags: bash -c is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const probe = join(dir, "probe.ts");
    await Deno.writeTextFile(
      probe,
      `const tries = [["bash", ["-c", "cat /etc/passwd"]], ["sh", ["-c", "id"]], ["/bin/bash", ["-c", "id"]],
        ["zsh", ["-c", "id"]], ["pwsh", ["-c", "1"]], ["python3", ["-c", "1"]], ["deno", ["eval", "1"]],
        ["env", ["bash", "-c", "id"]], ["ollama", ["--version"]]];
      const out = {};
      for (const [bin, args] of tries) {
        try { await new Deno.Command(bin, { args, stdout: "null", stderr: "null" }).output(); out[bin] = "ran"; }
        catch (e) { out[bin] = e.name; }
      }
      console.log(JSON.stringify(out));`,
    );
    const env = { HOME: dir, PATH: Deno.env.get("PATH") ?? "", SHELL: "/bin/bash" };
    const flags = exactPermissionFlags((name) => (env as Record<string, string>)[name], "linux", [
      dir,
    ]);
    ok(
      !flags.some((flag) =>
        /--allow-run=.*\b(bash|zsh|fish|sh|pwsh|powershell|cmd|ollama)\b/.test(flag)
      ),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--no-prompt", ...flags, probe],
      env,
      clearEnv: true,
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const results = JSON.parse(new TextDecoder().decode(out.stdout));
    for (const [bin, result] of Object.entries(results)) ok(result !== "ran", bin);
    // Installed here, so refused by the sandbox itself, not by their absence:
    for (const bin of ["bash", "sh", "/bin/bash", "env", "deno"]) {
      equal(results[bin], "NotCapable", bin);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the doctor under exactly its flags still names the shell and reads its version", {
  ignore: Deno.build.os !== "linux",
}, async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bundle = await sharedBundle();
    const home = join(dir, "home");
    await Deno.mkdir(home);
    const run = await runBundled(bundle, home, ["doctor", "--json"], "", { SHELL: "/bin/bash" });
    const shell = JSON.parse(run.stdout).shell;
    equal(shell.name, "bash");
    const real = new TextDecoder().decode(
      (await new Deno.Command("/bin/bash", { args: ["--version"] }).output()).stdout,
    );
    ok(real.startsWith(`GNU bash, version ${shell.version}(`), `${shell.version} vs ${real}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
