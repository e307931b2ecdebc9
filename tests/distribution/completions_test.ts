import { deepEqual, equal, match } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { runCaro } from "../_support/run_caro.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

Deno.test("caro completions prints a script for each shell", async () => {
  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    const run = await runCaro(["completions", shell]);
    equal(run.code, 0, run.stderr);
    match(run.stdout, /caro completions complete/);
  }
});

Deno.test("caro completions with an unknown shell is a usage error", async () => {
  const run = await runCaro(["completions", "tcsh"]);
  equal(run.code, 2);
  match(run.stderr, /^error: Cannot write completions for "tcsh": expected one of bash, zsh/);
});

Deno.test("the bash script completes subcommands and option values in a real bash", async () => {
  const script = (await runCaro(["completions", "bash"])).stdout;
  const complete = async (words: string[]) => {
    const program = [
      `caro() { "${Deno.execPath()}" run --quiet -A "${MAIN}" "$@"; }`,
      script,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}`,
      `COMP_LINE='${words.join(" ")}'; COMP_POINT=\${#COMP_LINE}`,
      "__caro_complete; printf '%s\\n' \"${COMPREPLY[@]}\"",
    ].join("\n");
    const out = await new Deno.Command("bash", { args: ["-c", program], stderr: "null" }).output();
    return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
  };
  deepEqual(await complete(["caro", "do"]), ["doctor"]);
  const all = await complete(["caro", ""]);
  deepEqual(all.filter((word) => word.startsWith("comp")), ["completions"]);
  deepEqual(await complete(["caro", "--healing-consent", "st"]), ["standard"]);
});
