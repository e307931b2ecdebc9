import { equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { sha256Hex } from "../../src/platform/hex.ts";

const INSTALL_SH = fileURLToPath(new URL("../../install.sh", import.meta.url));

/** A release download area on 127.0.0.1 holding one asset and SHA256SUMS. */
async function withRelease(
  files: Record<string, Uint8Array>,
  body: (base: string) => Promise<void>,
): Promise<void> {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const name = new URL(request.url).pathname.slice(1);
    const bytes = files[name];
    return bytes ? new Response(bytes as BodyInit) : new Response("not found", { status: 404 });
  });
  try {
    await body(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

async function runInstall(env: Record<string, string>, args: string[] = []) {
  const output = await new Deno.Command("sh", {
    args: [INSTALL_SH, ...args],
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: env.HOME ?? "/nonexistent",
      ...env,
    },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

function hostAsset(): string {
  const os = Deno.build.os === "darwin" ? "macos" : "linux";
  return `caro-${os}-${Deno.build.arch === "aarch64" ? "arm64" : "x64"}`;
}

Deno.test("install.sh names the right asset for each OS and CPU, refuses others", async () => {
  const cases: [string, string, string][] = [
    ["Linux", "x86_64", "caro-linux-x64"],
    ["Linux", "aarch64", "caro-linux-arm64"],
    ["Darwin", "arm64", "caro-macos-arm64"],
    ["Darwin", "x86_64", "caro-macos-x64"],
  ];
  for (const [os, arch, asset] of cases) {
    const run = await runInstall({}, ["--asset-for", os, arch]);
    equal(run.stdout, `${asset}\n`, `${os} ${arch}`);
  }
  const odd = await runInstall({}, ["--asset-for", "Linux", "riscv64"]);
  equal(odd.code, 1);
  equal(odd.stderr, "caro install: no prebuilt caro for the CPU 'riscv64' (x86_64 and arm64)\n");
});

Deno.test("install.sh installs a verified binary into the install dir", async () => {
  const asset = hostAsset();
  const binary = new TextEncoder().encode("#!/bin/sh\necho caro 9.9.9\n");
  const sums = new TextEncoder().encode(
    `${"0".repeat(64)}  caro-windows-x64.exe\n${await sha256Hex(binary)}  ${asset}\n`,
  );
  const dir = await Deno.makeTempDir({ prefix: "caro-install-" });
  await withRelease({ [asset]: binary, SHA256SUMS: sums }, async (base) => {
    const run = await runInstall({ CARO_DOWNLOAD_BASE: base, CARO_INSTALL_DIR: join(dir, "bin") });
    equal(run.code, 0, run.stderr);
    match(run.stdout, new RegExp(`caro installed to ${dir}/bin/caro \\(${asset}, sha256 `));
  });
  const installed = await new Deno.Command(join(dir, "bin", "caro"), { stdout: "piped" }).output();
  equal(new TextDecoder().decode(installed.stdout), "caro 9.9.9\n");
});

Deno.test("install.sh refuses a binary whose checksum does not match, installing nothing", async () => {
  const asset = hostAsset();
  const sums = new TextEncoder().encode(`${"ab".repeat(32)}  ${asset}\n`);
  const dir = await Deno.makeTempDir({ prefix: "caro-install-" });
  await withRelease(
    { [asset]: new TextEncoder().encode("tampered"), SHA256SUMS: sums },
    async (base) => {
      const run = await runInstall({
        CARO_DOWNLOAD_BASE: base,
        CARO_INSTALL_DIR: join(dir, "bin"),
      });
      equal(run.code, 1);
      match(run.stderr, /^caro install: checksum mismatch for caro-[a-z]+-[a-z0-9]+ \(expected ab/);
      match(run.stderr, /nothing installed\n$/);
    },
  );
  ok(!(await Deno.stat(join(dir, "bin", "caro")).then(() => true, () => false)));
});

Deno.test("install.sh says which download failed when the release lacks the asset", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-install-" });
  await withRelease({}, async (base) => {
    const run = await runInstall({ CARO_DOWNLOAD_BASE: base, CARO_INSTALL_DIR: dir });
    equal(run.code, 1);
    match(run.stderr, new RegExp(`caro install: cannot download ${base}/${hostAsset()}\\n$`));
  });
});
