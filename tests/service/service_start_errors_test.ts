/**
 * The service process refuses to start in one line on stderr: before it
 * creates the database when its port is taken or its address is not this
 * host's (exit 1) or `CARO_PUBLIC_K` is not a positive integer (exit 2, like
 * a bad flag), and, having bound, when its database is unreachable (exit 1,
 * without waiting). With `CARO_PUBLIC_K=3` it starts and a problem is known
 * from its third install on. Run under exactly the flags `deno task service`
 * gives it.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { reportSignature } from "../../src/protocol/report/signature.ts";
import { generateInstallKey } from "../../src/protocol/signed_request.ts";
import { serviceRunArgs, startService } from "../../tools/service_process.ts";
import { postReport, sampleReport } from "../_support/service_harness.ts";

/**
 * Runs the service to its end (killed after 20 s: a service that starts when it
 * should refuse fails the test instead of hanging it); its exit code, stdout,
 * stderr and what is in `dir` after.
 */
async function runService(dir: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: serviceRunArgs([...args, "--db", join(dir, "healing.db")], env),
    env: { NO_COLOR: "1", ...env },
    signal: AbortSignal.timeout(20_000),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
    files: (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name),
  };
}

Deno.test("service process: a taken port is one line and exit 1, and no database is created", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-service-port-" });
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = taken.addr;
  try {
    deepEqual(await runService(dir, ["--port", String(port)]), {
      code: 1,
      stdout: "",
      stderr: `caro-service: port ${port} on 127.0.0.1 is already in use\n`,
      files: [],
    });
  } finally {
    taken.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service process: an address that is not this host's is one line and exit 1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-service-host-" });
  try {
    // 192.0.2.0/24 is reserved for documentation: no host has it.
    const run = await runService(dir, ["--host", "192.0.2.1", "--port", "0"]);
    equal(run.code, 1);
    equal(run.stdout, "");
    match(run.stderr, /^caro-service: cannot listen on 192\.0\.2\.1:0: [^\n]+\n$/);
    deepEqual(run.files, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service process: an unreachable database after the bind is one line and exit 1", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = closed.addr;
  closed.close();
  const out = await new Deno.Command(Deno.execPath(), {
    args: serviceRunArgs(["--port", "0", "--db", `postgres://caro@127.0.0.1:${port}/caro`], {}),
    env: { NO_COLOR: "1" },
    signal: AbortSignal.timeout(20_000),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  equal(out.code, 1);
  equal(new TextDecoder().decode(out.stdout), "");
  match(
    new TextDecoder().decode(out.stderr),
    /^caro-service: Cannot open PostgreSQL store "[^"\n]+": [^\n]+\n$/,
  );
});

Deno.test("service process: a CARO_LIMIT_* that is no positive integer is one line, exit 2, no database", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-service-limit-" });
  try {
    deepEqual(
      await runService(dir, ["--port", "0"], { CARO_LIMIT_INSTALL_PER_HOUR: "lots" }),
      {
        code: 2,
        stdout: "",
        stderr:
          'caro-service: CARO_LIMIT_INSTALL_PER_HOUR: expected a positive integer, got "lots"\n',
        files: [],
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("service process: CARO_PUBLIC_K must be a positive integer (one line, exit 2)", async (t) => {
  for (const value of ["0", "abc", "-1", "2.5", ""]) {
    await t.step(`CARO_PUBLIC_K=${JSON.stringify(value)}`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "caro-service-k-" });
      try {
        deepEqual(await runService(dir, ["--port", "0"], { CARO_PUBLIC_K: value }), {
          code: 2,
          stdout: "",
          stderr: `caro-service: CARO_PUBLIC_K: expected a positive integer, got "${value}"\n`,
          files: [],
        });
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
  await t.step(
    "CARO_PUBLIC_K=3 starts, and a problem is known from its third install",
    async () => {
      const dir = await Deno.makeTempDir({ prefix: "caro-service-k-" });
      const logFile = join(dir, "service.log");
      try {
        const service = await startService({
          db: join(dir, "healing.db"),
          logFile,
          env: { CARO_PUBLIC_K: "3" },
        });
        try {
          equal((await fetch(`${service.url}/healthz`)).status, 200);
          const { key } = await reportSignature(sampleReport());
          for (const installs of [1, 2, 3]) {
            const res = await postReport(service.url, await generateInstallKey(), sampleReport());
            equal(res.status, 201, await res.text());
            const known = await fetch(`${service.url}/v1/known/${key}`);
            await known.body?.cancel();
            equal(known.status, installs < 3 ? 404 : 200, `after ${installs} installs`);
          }
        } finally {
          equal((await service.stop()).code, 0, await Deno.readTextFile(logFile));
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  );
});
