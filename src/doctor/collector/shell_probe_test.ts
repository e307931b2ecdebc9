import { deepEqual, equal, throws } from "node:assert/strict";
import { parseShellVersion, probeShell, shellName } from "./shell_probe.ts";
import { type ProbeDeps, processProbeDeps } from "./probe_deps.ts";

function deps(env: Record<string, string>, allowed = (_: string) => true): ProbeDeps {
  const real = processProbeDeps();
  return {
    ...real,
    env: (name) => env[name],
    envAllowed: allowed,
    run: (binary) => Promise.resolve({ code: 0, stdout: `${binary}, version 3.7.1\n`, stderr: "" }),
  };
}

Deno.test("shellName and parseShellVersion", () => {
  equal(shellName("/usr/local/bin/bash"), "bash");
  equal(shellName("C:\\Program Files\\PowerShell\\7\\pwsh.exe"), "pwsh");
  equal(shellName("/bin/sh"), "sh");
  equal(parseShellVersion("fish, version 3.7.1"), "3.7.1");
  equal(parseShellVersion("PowerShell 7.4.2"), "7.4.2");
  throws(() => parseShellVersion("no digits here"), /no version/);
});

Deno.test("probeShell runs the shell by name and reads its version", async () => {
  const facts = await probeShell(deps({ SHELL: "/opt/homebrew/bin/fish" }), 500);
  deepEqual(facts, {
    collected: true,
    value: {
      name: "fish",
      path: "/opt/homebrew/bin/fish",
      version: { collected: true, value: "3.7.1" },
    },
  });
});

Deno.test("probeShell: SHELL not granted is 'not collected', not 'no shell'", async () => {
  const facts = await probeShell(deps({ SHELL: "/bin/zsh" }, () => false), 500);
  deepEqual(facts, { collected: false, why: "permission not granted (env access to SHELL)" });
});

Deno.test("probeShell on Windows: PowerShell 7 from PSModulePath, else cmd", async () => {
  const windows = (env: Record<string, string>) => {
    const d = deps(env);
    return { ...d, build: { ...d.build, os: "windows" } };
  };
  const pwsh = await probeShell(
    windows({
      PSModulePath:
        "C:\\Users\\ada\\Documents\\PowerShell\\Modules;C:\\Program Files\\PowerShell\\7\\Modules",
    }),
    500,
  );
  equal(pwsh.collected && pwsh.value.name, "pwsh");
  const cmd = await probeShell(windows({ ComSpec: "C:\\Windows\\system32\\cmd.exe" }), 500);
  equal(cmd.collected && cmd.value.name, "cmd");
});
