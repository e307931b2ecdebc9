import { deepEqual, equal } from "node:assert/strict";
import { libcOfTarget, parseOsRelease, probePlatform } from "./platform_probe.ts";
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

Deno.test("libcOfTarget: the build target names the C library", () => {
  equal(libcOfTarget("x86_64-unknown-linux-gnu"), "glibc");
  equal(libcOfTarget("aarch64-unknown-linux-musl"), "musl");
  equal(libcOfTarget("x86_64-apple-darwin"), "other");
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
    build: {
      ...real.build,
      os: "linux",
      target: "x86_64-unknown-linux-gnu",
      osRelease: () => "6.1.0",
    },
  };
  const facts = await probePlatform(deps, 500);
  equal(facts.libc, "glibc");
  deepEqual(facts.release, { collected: false, why: "permission not granted (read access)" });
  deepEqual(facts.kernel, { collected: true, value: "6.1.0" });
});
