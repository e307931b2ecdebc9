/**
 * What `caro doctor` prints: sections with ✓ ! ✗ and a hint under each
 * problem, colour only on a terminal without NO_COLOR, results on stdout and
 * progress on stderr, markdown for GitHub, and exit 2 for usage errors.
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import type { CliContext } from "../../src/cli/context.ts";
import { runDoctor } from "../../src/cli/commands/doctor.ts";
import type { TextSink } from "../../src/platform/text_sink.ts";
import { envFrom } from "../../src/platform/env.ts";
import { runCaro } from "../_support/run_caro.ts";
import { closedPort, fakeOllama } from "../../tools/fake_backends.ts";

interface Captured {
  sink: TextSink;
  text: () => string;
}

function capture(isTerminal: boolean): Captured {
  let text = "";
  return { sink: { isTerminal, write: (t) => void (text += t) }, text: () => text };
}

async function doctorInProcess(
  env: Record<string, string>,
  options: { terminal?: boolean; json?: boolean; verbose?: boolean; markdown?: boolean } = {},
) {
  const stdout = capture(options.terminal ?? false);
  const stderr = capture(options.terminal ?? false);
  const ctx: CliContext = {
    env: envFrom(env),
    stdout: stdout.sink,
    stderr: stderr.sink,
    stdin: { isTerminal: false, readAll: () => Promise.resolve("") },
    now: Date.now,
    global: { json: options.json ?? false, healing: true, verbose: options.verbose ?? false },
  };
  const code = await runDoctor({ markdown: options.markdown }, ctx, []);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function withHome<T>(fn: (home: string) => Promise<T>): Promise<T> {
  const home = await Deno.makeTempDir({ prefix: "caro-doctor-out-" });
  try {
    return await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

const ESC = "\x1b[";

Deno.test("human output: sections, marks, one hint under the failure, exit 1", async () => {
  await withHome(async (home) => {
    const run = await doctorInProcess({
      CARO_HOME: home,
      SHELL: "/bin/bash",
      OLLAMA_HOST: `127.0.0.1:${closedPort()}`,
    });
    equal(run.code, 1);
    equal(run.stderr, "");
    for (const title of ["Platform", "Shell", "caro", "LLM backend", "Config", "Context"]) {
      match(run.stdout, new RegExp(`^${title}$`, "m"));
    }
    match(run.stdout, /^ {2}✗ no LLM backend found\n {4}→ start Ollama with `ollama serve`/m);
    match(run.stdout, /^ {2}✓ bash /m);
    match(run.stdout, /^\d+ ok · 0 warnings · 1 failure · \d+ skipped\n$/m);
    equal(run.stdout.includes(ESC), false);
  });
});

Deno.test("colour only on a terminal, never with NO_COLOR", async () => {
  await withHome(async (home) => {
    const env = { CARO_HOME: home, OLLAMA_HOST: `127.0.0.1:${closedPort()}` };
    const coloured = await doctorInProcess(env, { terminal: true });
    ok(coloured.stdout.includes(`${ESC}31m✗${ESC}0m`));
    const noColor = await doctorInProcess({ ...env, NO_COLOR: "1" }, { terminal: true });
    equal(noColor.stdout.includes(ESC), false);
    const piped = await doctorInProcess(env, { terminal: false });
    equal(piped.stdout.includes(ESC), false);
    // On a terminal, the progress line goes to stderr and is cleared again.
    match(coloured.stderr, /^checking [^\n]*…\r/);
    ok(coloured.stderr.endsWith(`…\r${ESC}K`));
  });
});

Deno.test("all ok with a reachable configured Ollama: exit 0; -v adds ids, models, timing", async () => {
  const ollama = fakeOllama(["qwen2.5-coder:7b"]);
  try {
    await withHome(async (home) => {
      await Deno.mkdir(join(home, "config"));
      await Deno.writeTextFile(
        join(home, "config", "config.toml"),
        '[backend]\ntype = "ollama"\nmodel = "qwen2.5-coder:7b"\n',
      );
      const env = { CARO_HOME: home, SHELL: "/bin/bash", OLLAMA_HOST: `127.0.0.1:${ollama.port}` };
      const plain = await doctorInProcess(env);
      equal(plain.code, 0, plain.stdout);
      match(plain.stdout, /✓ ollama configured and usable, model qwen2\.5-coder:7b/);
      const verbose = await doctorInProcess(env, { verbose: true });
      match(verbose.stdout, /\[backend\.selected\]/);
      // -v says what was probed and what was found there.
      match(
        verbose.stdout,
        /probed Ollama API at the loopback endpoint \(GET \/api\/tags\): reachable, 1 model: qwen2\.5-coder:7b/,
      );
      match(verbose.stdout, /probed OpenAI-compatible API at the loopback endpoint/);
      match(verbose.stdout, /found: bash \S+ at \/bin\/bash/);
      match(verbose.stderr, /^doctor: collected in \d+ ms\n$/);
    });
  } finally {
    await ollama.close();
  }
});

Deno.test("--markdown: a table of checks with the fix column, for a GitHub issue", async () => {
  await withHome(async (home) => {
    const run = await doctorInProcess(
      { CARO_HOME: home, OLLAMA_HOST: `127.0.0.1:${closedPort()}` },
      { markdown: true },
    );
    equal(run.code, 1);
    match(run.stdout, /^### caro doctor\n/);
    match(run.stdout, /\*\*\d+ ok · \d+ warnings? · 1 failure · \d+ skipped\*\*/);
    match(run.stdout, /^\| ✗ \| `backend\.selected` \| no LLM backend found \| start Ollama/m);
  });
});

Deno.test("usage errors exit 2 with one line on stderr and nothing on stdout", async () => {
  await withHome(async (home) => {
    const env = { CARO_HOME: home };
    const both = await runCaro(["--json", "doctor", "--markdown"], { env });
    equal(both.code, 2);
    equal(both.stderr, "");
    equal(
      JSON.parse(both.stdout).error.message,
      "--json and --markdown (or --doctor-report) cannot be used together",
    );
    for (
      const [args, message] of [
        [["doctor", "--bogus"], /unknown option '--bogus'/],
        [["doctor", "extra"], /too many arguments|takes no arguments/],
      ] as const
    ) {
      const run = await runCaro([...args], { env });
      equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      equal(run.stdout, "");
      match(run.stderr, message);
    }
  });
});
