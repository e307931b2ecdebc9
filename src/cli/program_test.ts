import { equal, match } from "node:assert/strict";
import { runCli } from "./program.ts";
import { memoryContext } from "./context.ts";

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
