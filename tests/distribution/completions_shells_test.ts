/**
 * Completions as a user gets them: `deno task install` puts the launcher on
 * the PATH as `caro` (into a temp root), and each shell loads
 * `caro completions <shell>` and completes on a pseudo-terminal: bash with
 * no bash-completion package (`bash --norc`), zsh with only `compinit`,
 * fish with `complete -C`. PowerShell is not installable here: its script
 * is checked for the callback only. The three shells run side by side.
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HAS_SCRIPT, shellQuote, Terminal } from "../_support/pty_terminal.ts";
import { DENO_DIR } from "../_support/run_caro.ts";

const INSTALL = fileURLToPath(new URL("../../tools/install.ts", import.meta.url));
const has = (shell: string) =>
  new Deno.Command("sh", { args: ["-c", `command -v ${shell}`], stdout: "null" }).outputSync()
    .success;

async function installInto(root: string): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", "--allow-run", INSTALL, "--root", root],
    env: { DENO_DIR },
    stdout: "piped",
    stderr: "piped",
  }).output();
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  // It says where caro went (this run has no env grant, so no PATH advice).
  equal(new TextDecoder().decode(out.stdout), `installed caro in ${join(root, "bin")}\n`);
  return join(root, "bin");
}

Deno.test({
  name: "deno task install puts caro on the PATH; completions work in bare bash, zsh and fish",
  ignore: !HAS_SCRIPT,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "caro-shells-" });
    try {
      const bin = await installInto(join(dir, "root"));
      const env = {
        HOME: dir,
        DENO_DIR,
        PATH: `${bin}:${Deno.env.get("PATH") ?? ""}`,
        NO_COLOR: "1",
      };
      const version = await new Deno.Command(join(bin, "caro"), {
        args: ["--version"],
        env,
        clearEnv: true,
        stdout: "piped",
      }).output();
      match(new TextDecoder().decode(version.stdout), /^caro \d+\.\d+\.\d+\n$/);

      // The three shells run side by side; each step waits for its own and reports it.
      const started = (shell: string, session: () => Promise<void>) => {
        if (!has(shell)) return undefined;
        const done = session();
        done.catch(() => {}); // its step reports the failure
        return done;
      };
      const bash = started("bash", async () => {
        const bash = new Terminal("bash --norc --noprofile -i", { ...env, PS1: "$ " });
        await bash.press('source <(caro completions bash) && echo "loa""ded"\n');
        await bash.waitFor(/loaded\n/);
        await bash.press("caro report --stage \t\t");
        await bash.waitFor(/model_load[\s\S]*\$ caro report --stage $/);
        await bash.press("\x15caro --healing-consent \t\t");
        await bash.waitFor(/minimal[\s\S]*standard[\s\S]*\$ caro --healing-consent $/);
        await bash.press("\x15caro queue fl\t");
        await bash.waitFor(/caro queue flush $/);
        // bash splits --flag=value at "=": the value still completes
        await bash.press("\x15caro report --failure-type=ti\t");
        await bash.waitFor(/caro report --failure-type=timeout $/);
        await bash.press("\x15caro he\t");
        await bash.waitFor(/caro help $/);
        await bash.press("\x15exit\n");
        await bash.exit();
        ok(!bash.screen.includes("command not found"), bash.screen);
      });
      const zsh = started("zsh", async () => {
        const zsh = new Terminal("zsh -f", { ...env, PS1: "%% " });
        await zsh.press(
          'autoload -Uz compinit && compinit -u && source <(caro completions zsh) && echo "loa""ded"\n',
        );
        await zsh.waitFor(/loaded\n/);
        await zsh.press("caro report --failure-type \t");
        await zsh.waitFor(/^(?=[\s\S]*generation)(?=[\s\S]*validation)(?=[\s\S]*timeout)/);
        await zsh.press("\x15exit\n");
        await zsh.exit();
      });
      const fish = started("fish", async () => {
        const words = ["caro completions ", "caro report --backend ", "caro --healing-consent "];
        const fish = new Terminal(
          `fish --no-config -c ${
            shellQuote(`caro completions fish | source; ${
              words.map((w) => `complete -C${shellQuote(w)}`).join("; ")
            }`)
          }`,
          env,
        );
        equal(await fish.exit(), 0, fish.screen);
        for (const value of ["powershell", "ollama", "openai_compatible", "minimal", "full"]) {
          match(fish.screen, new RegExp(`^${value}\\b`, "m"));
        }
      });
      await t.step({
        name: "bash without bash-completion: subcommands and flag values",
        ignore: !bash,
        fn: () => bash!,
      });
      await t.step({ name: "zsh with compinit only: flag values", ignore: !zsh, fn: () => zsh! });
      await t.step({ name: "fish: complete -C lists values", ignore: !fish, fn: () => fish! });
      await t.step(
        "powershell: the script registers a completer that calls caro back",
        async () => {
          const out = await new Deno.Command(join(bin, "caro"), {
            args: ["completions", "powershell"],
            env,
            clearEnv: true,
            stdout: "piped",
          }).output();
          const script = new TextDecoder().decode(out.stdout);
          match(script, /Register-ArgumentCompleter/);
          match(script, /caro completions complete/);
        },
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
