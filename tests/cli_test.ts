import { equal, match } from "node:assert/strict";
import { CHILD_CONCURRENCY, mapPool } from "./_support/pool.ts";
import { runCaro } from "./_support/run_caro.ts";

Deno.test("caro --version prints the version on stdout and exits 0", async () => {
  const result = await runCaro(["--version"]);
  equal(result.code, 0);
  match(result.stdout, /^caro \d+\.\d+\.\d+\n$/);
  equal(result.stderr, "");
});

Deno.test("caro with no arguments prints usage on stderr and exits 2 (a usage error)", async () => {
  const result = await runCaro([]);
  equal(result.code, 2);
  equal(result.stdout, "");
  match(result.stderr, /^Usage: caro[\s\S]*error: a command is required/);
});

Deno.test("--json: every error is {error:{code,message}} on stdout, with the exit code", async () => {
  const cases = [
    [["--json"], 2, "usage", /a command is required/],
    [["--json", "queue", "flsh"], 2, "usage", /unknown command 'flsh'\n\(Did you mean flush\?\)/],
    [["--json", "--bogus"], 2, "usage", /unknown option '--bogus'/],
    [["--json", "config", "set", "healing.consent_level", "all"], 2, "usage", /consent_level/],
    [["--json", "sanitize", "/no/such/file"], 1, "failed", /no such file/],
  ] as const;
  await mapPool(cases, CHILD_CONCURRENCY, async ([args, code, kind, message]) => {
    const result = await runCaro([...args], { env: { CARO_HOME: await Deno.makeTempDir() } });
    equal(result.code, code, args.join(" "));
    equal(result.stderr, "", args.join(" "));
    const parsed = JSON.parse(result.stdout);
    equal(parsed.error.code, kind);
    match(parsed.error.message, message);
  });
});

Deno.test("a mistyped subcommand gets a suggestion at every level", async () => {
  const typos: [string[], string][] = [
    [["doctr"], "doctor"],
    [["queue", "flsh"], "flush"],
    [["config", "st"], "set"],
  ];
  await mapPool(typos, CHILD_CONCURRENCY, async ([args, suggestion]) => {
    const result = await runCaro(args);
    equal(result.code, 2);
    match(result.stderr, new RegExp(`\\(Did you mean ${suggestion}\\?\\)`));
  });
});

Deno.test("the seed's --doctor is caro doctor, --doctor-report is its markdown", async () => {
  const env = { CARO_HOME: await Deno.makeTempDir() };
  const doctor = await runCaro(["--doctor", "--no-healing"], { env });
  match(doctor.stdout, /^Platform/m);
  const report = await runCaro(["--doctor-report", "--no-healing"], { env });
  match(report.stdout, /^### caro doctor/m);
  match(report.stdout, /\| \| Check \| Result \| Fix \|/);
});

Deno.test("caro -h prints usage on stdout and exits 0", async () => {
  const result = await runCaro(["-h"]);
  equal(result.code, 0);
  match(result.stdout, /Commands:\n\s+doctor/);
});

Deno.test("an unknown option is a usage error: exit 2, message on stderr", async () => {
  const result = await runCaro(["--bogus"]);
  equal(result.code, 2);
  equal(result.stdout, "");
  match(result.stderr, /unknown option '--bogus'/);
});

Deno.test("--json: every command's output is JSON on stdout", async () => {
  // Three installs side by side; in each, the commands run in order (a queue after a
  // report, unset after set).
  const installs = [
    [["sanitize"], ["sanitize", "--jsonl"], ["--no-healing", "doctor"], ["completions", "bash"]],
    [
      ["report", "--failure-type", "timeout"],
      ["queue"],
      ["queue", "flush"],
      ["queue", "clear"],
      ["cases"],
      ["notifications"],
      ["forget", "CARO-2026-0001"],
    ],
    [
      ["config"],
      ["config", "path"],
      ["config", "set", "healing.consent_level", "minimal"],
      ["config", "unset", "healing.consent_level"],
    ],
  ];
  await mapPool(installs, CHILD_CONCURRENCY, async (commands) => {
    const env = { CARO_HOME: await Deno.makeTempDir() };
    for (const args of commands) {
      const run = await runCaro(["--json", ...args], {
        env,
        stdin: args.includes("--jsonl")
          ? '{"id":1,"text":"ada@example.org"}\n'
          : "ada@example.org\n",
      });
      // One JSON document (the doctor's is pretty-printed), or JSON lines (--jsonl).
      const lines = args.includes("--jsonl") ? run.stdout.trimEnd().split("\n") : [run.stdout];
      for (const line of lines) JSON.parse(line); // throws on anything but JSON
      equal(run.stdout.endsWith("\n"), true, args.join(" "));
    }
  });
});

Deno.test("an error naming a hostile file name is one printable line: no escape sequence reaches the terminal", async () => {
  const name = "/tmp/no-such-\u001b]52;c;ZXZpbA==\u0007file\u001b[2J\nnext";
  const result = await runCaro(["sanitize", name]);
  equal(result.code, 1);
  equal(
    result.stderr,
    'error: Cannot read "/tmp/no-such-]52;c;ZXZpbA==file[2J next": no such file\n',
  );
});

Deno.test("a reader that closes the pipe early (caro … | head): no error message, exit 141 as a SIGPIPE'd tool", async () => {
  const main = new URL("../main.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", main, "sanitize"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const lines = new TextEncoder().encode("mail ada@example.org\n".repeat(200_000));
  const writing = writer.write(lines).then(() => writer.close()).catch(() => {});
  const reader = child.stdout.getReader();
  await reader.read(); // the first chunk, then the reader is gone
  await reader.cancel();
  const [status, stderr] = await Promise.all([
    child.status,
    new Response(child.stderr).text(),
    writing,
  ]);
  equal(stderr.replace(/^\d+ redacted.*\n/m, ""), "");
  equal(status.code, 141);
});
