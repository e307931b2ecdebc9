import { deepEqual, equal, throws } from "node:assert/strict";
import { probeShell, shellName } from "./shell_probe.ts";
import { shellVersionFromBinary } from "./shell_version.ts";
import { type ProbeDeps, processProbeDeps } from "./probe_deps.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A machine whose only readable shell binary is /opt/homebrew/bin/fish; `reads` counts its reads. */
function deps(
  env: Record<string, string>,
  allowed = (_: string) => true,
  fish = { binary: "\0/tmp/build/fish-3.7.1/obj\0fish: version\0", mtime: 1, reads: 0 },
): ProbeDeps {
  const real = processProbeDeps();
  const readable = <T>(path: string, value: () => T) =>
    path === "/opt/homebrew/bin/fish"
      ? Promise.resolve(value())
      : Promise.reject(new Deno.errors.NotCapable(`Requires read access to "${path}"`));
  return {
    ...real,
    env: (name) => env[name],
    envAllowed: allowed,
    run: () => Promise.reject(new Error("the shell probe must never run a program")),
    readFile: (path) => readable(path, () => (fish.reads++, bytes(fish.binary))),
    stat: (path) => readable(path, () => ({ size: fish.binary.length, mtime: fish.mtime })),
  };
}

Deno.test("shellName and shellVersionFromBinary", async () => {
  equal(shellName("/usr/local/bin/bash"), "bash");
  equal(shellName("C:\\Program Files\\PowerShell\\7\\pwsh.exe"), "pwsh");
  equal(shellName("/bin/sh"), "sh");
  equal(shellVersionFromBinary("fish", bytes("x fish-shell fish-3.7.1 y")), "3.7.1");
  equal(shellVersionFromBinary("zsh", bytes("/zsh/5.9.1.2 /zsh/5.9\0")), "5.9");
  throws(() => shellVersionFromBinary("bash", bytes("no digits here")), /no version/);
  throws(() => shellVersionFromBinary("bash", bytes("@(#)Bash version ")), /no version/);
  if (Deno.build.os === "linux") {
    const bash = await Deno.readFile("/bin/bash").catch(() => undefined);
    const real = new TextDecoder().decode(
      (await new Deno.Command("/bin/bash", { args: ["--version"] }).output()).stdout,
    );
    if (bash) equal(real.includes(`version ${shellVersionFromBinary("bash", bash)}(`), true);
  }
});

Deno.test("probeShell reads the version from the shell's binary, never running it", async () => {
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

Deno.test("probeShell: a shell binary outside the read grant is named, its version not collected", async () => {
  const facts = await probeShell(deps({ SHELL: "/home/ada/bin/zsh" }), 500);
  deepEqual(facts, {
    collected: true,
    value: {
      name: "zsh",
      path: "/home/ada/bin/zsh",
      version: { collected: false, why: "permission not granted (read access)" },
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

Deno.test("probeShell reads the binary again only when it changed since the cached run", async () => {
  const cache = `${await Deno.makeTempDir()}/shell_version.json`;
  const fish = { binary: "\0fish-3.7.1\0", mtime: 1, reads: 0 };
  const machine = deps({ SHELL: "/opt/homebrew/bin/fish" }, () => true, fish);
  const version = async () => {
    const facts = await probeShell(machine, 500, undefined, cache);
    return facts.collected && facts.value.version;
  };
  deepEqual(await version(), { collected: true, value: "3.7.1" });
  deepEqual(await version(), { collected: true, value: "3.7.1" });
  equal(fish.reads, 1);
  fish.binary = "\0fish-3.8.0\0";
  fish.mtime = 2;
  deepEqual(await version(), { collected: true, value: "3.8.0" });
  equal(fish.reads, 2);
  // An edited cache cannot put text into a report: it is not a plain version, so it is ignored.
  const edited = JSON.parse(await Deno.readTextFile(cache));
  await Deno.writeTextFile(cache, JSON.stringify({ ...edited, version: "3.8.0 ada@example.org" }));
  deepEqual(await version(), { collected: true, value: "3.8.0" });
  equal(fish.reads, 3);
});
