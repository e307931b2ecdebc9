import { deepEqual, equal } from "node:assert/strict";
import { parseLddVersion, parseOsRelease, probePlatform } from "./platform_probe.ts";
import { type ProbeDeps, processProbeDeps } from "./probe_deps.ts";

Deno.test("parseOsRelease reads quoted and bare values", () => {
  deepEqual(
    parseOsRelease(
      'PRETTY_NAME="Ubuntu 24.04 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n# comment\n',
    ),
    { name: "Ubuntu", id: "ubuntu", version: "24.04" },
  );
  deepEqual(parseOsRelease("NAME='Arch Linux'\nID=arch\nBUILD_ID=rolling\n"), {
    name: "Arch Linux",
    id: "arch",
    version: "rolling",
  });
});

Deno.test("parseLddVersion tells glibc from musl", () => {
  deepEqual(
    parseLddVersion("ldd (Ubuntu GLIBC 2.39-0ubuntu8) 2.39\nCopyright (C) 2024"),
    { family: "glibc", version: "2.39" },
  );
  deepEqual(parseLddVersion("musl libc (x86_64)\nVersion 1.2.5\nDynamic Program Loader"), {
    family: "musl",
    version: "1.2.5",
  });
  deepEqual(parseLddVersion("something else"), { family: "other" });
});

function macDeps(): ProbeDeps {
  const real = processProbeDeps();
  return {
    ...real,
    run: (binary, args) =>
      Promise.resolve({
        code: 0,
        stdout: binary === "sw_vers" && args[0] === "-productVersion" ? "14.5\n" : "",
        stderr: "",
      }),
    build: { ...real.build, os: "darwin", arch: "aarch64", osRelease: () => "23.5.0" },
  };
}

Deno.test("probePlatform on macOS asks sw_vers and has no libc", async () => {
  const facts = await probePlatform(macDeps(), 500);
  deepEqual(facts.release, {
    collected: true,
    value: { name: "macOS", id: "macos", version: "14.5" },
  });
  deepEqual(facts.kernel, { collected: true, value: "23.5.0" });
  equal(facts.libc, undefined);
});

Deno.test("probePlatform: an unreadable os-release is not collected, the rest is", async () => {
  const real = processProbeDeps();
  const deps: ProbeDeps = {
    ...real,
    readTextFile: () =>
      Promise.reject(new Deno.errors.NotCapable('Requires read access to "/etc"')),
    build: { ...real.build, os: "linux", osRelease: () => "6.1.0" },
  };
  const facts = await probePlatform(deps, 500);
  deepEqual(facts.release, { collected: false, why: "permission not granted (read access)" });
  deepEqual(facts.kernel, { collected: true, value: "6.1.0" });
});
