import { equal, match } from "node:assert/strict";
import { runCli } from "./program.ts";
import { memoryContext } from "./context.ts";
import { CARO_VERSION } from "../version.ts";

Deno.test("help for a mistyped command names the typo and suggests, in every form", async () => {
  const forms: [string[], string, string][] = [
    [["help", "doctr"], "doctr", "doctor"],
    [["doctr", "--help"], "doctr", "doctor"],
    [["--no-healing", "doctr", "-h"], "doctr", "doctor"],
    [["help", "queue", "flsh"], "flsh", "flush"],
    [["queue", "flsh", "--help"], "flsh", "flush"],
  ];
  for (const [args, typo, suggestion] of forms) {
    const run = memoryContext();
    equal(await runCli(args, run.ctx), 2, args.join(" "));
    equal(run.stdout(), "", args.join(" "));
    match(
      run.stderr(),
      new RegExp(`unknown command '${typo}'\\n\\(Did you mean ${suggestion}\\?\\)`),
    );
  }
});

Deno.test("help for a real command or an operand still prints that help", async () => {
  for (const args of [["help", "queue", "flush"], ["sanitize", "notes.txt", "--help"], ["help"]]) {
    const run = memoryContext();
    equal(await runCli(args, run.ctx), 0, args.join(" "));
    match(run.stdout(), /^Usage: caro/);
  }
});

Deno.test("help where a command name may stand: queue help flush, help help; not among operands", async () => {
  const forms: [string[], RegExp][] = [
    [["queue", "help", "flush"], /^Usage: caro queue flush /],
    [["help", "help"], /^Usage: caro \[options\] \[command\]/],
    [["help", "config", "help"], /^Usage: caro config /],
  ];
  for (const [args, usage] of forms) {
    const run = memoryContext();
    equal(await runCli(args, run.ctx), 0, args.join(" "));
    match(run.stdout(), usage, args.join(" "));
  }
  const operand = memoryContext();
  equal(await runCli(["sanitize", "help"], operand.ctx), 1, "a file named help");
  match(operand.stderr(), /Cannot read "help": no such file/);
});

Deno.test("plain caro: the whole help, examples and exit status too, on stderr; exit 2", async () => {
  const run = memoryContext();
  equal(await runCli([], run.ctx), 2);
  equal(run.stdout(), "");
  match(
    run.stderr(),
    /^Usage: caro[\s\S]*Examples:[\s\S]*Exit status: [\s\S]*\n\nerror: a command is required: caro <command>\n$/,
  );
});

Deno.test("--json --version is JSON", async () => {
  const run = memoryContext();
  equal(await runCli(["--json", "--version"], run.ctx), 0);
  equal(JSON.parse(run.stdout()).version, CARO_VERSION);
});
