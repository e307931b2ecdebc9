/**
 * `caro doctor --json` from the real CLI process validates against
 * contracts/doctor.schema.json: with no backend, with a fake Ollama on
 * 127.0.0.1 (real HTTP), with env / run / sys permissions denied, and with
 * a black-hole endpoint (finishes and says unreachable).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../_support/run_caro.ts";
import { schemaErrors } from "../_support/json_schema_check.ts";
import { CONTRACTS_DIR } from "../../tools/gen_contracts.ts";
import type { DoctorOutput } from "../../src/doctor/doctor_output_schema.ts";
import {
  blackHole,
  closedPort,
  denoDirEnv,
  fakeOllama,
  fakeOpenAiCompatible,
} from "../../tools/fake_backends.ts";

const denoDir = await denoDirEnv();
const schema = JSON.parse(await Deno.readTextFile(join(CONTRACTS_DIR, "doctor.schema.json")));

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "caro-doctor-" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

async function doctorJson(env: Record<string, string>, permissions?: string[], cwd?: string) {
  const run = await runCaro(["doctor", "--json"], {
    env: { ...denoDir, ...env },
    permissions,
    cwd,
  });
  let result: DoctorOutput;
  try {
    result = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON on stdout (exit ${run.code}): ${run.stderr}`);
  }
  deepEqual(schemaErrors(schema, result), [], "doctor --json breaks contracts/doctor.schema.json");
  equal(run.stderr, "");
  return { code: run.code, result };
}

function check(result: DoctorOutput, id: string) {
  const found = result.checks.find((c) => c.id === id);
  ok(found, `no check ${id}`);
  return found;
}

Deno.test("the schema checker rejects what breaks the contract", () => {
  match(schemaErrors(schema, { schema_version: 2 }).join("\n"), /expected 1/);
  match(schemaErrors(schema, {}).join("\n"), /missing required checks/);
});

Deno.test("no backend listening: valid JSON, backend unreachable, exit 1", async () => {
  await withHome(async (home) => {
    const { code, result } = await doctorJson({
      CARO_HOME: home,
      HOME: home,
      SHELL: "/bin/bash",
      OLLAMA_HOST: `127.0.0.1:${closedPort()}`,
    });
    equal(code, 1);
    equal(result.backend.ollama.reachable, false);
    equal(result.backend.source, "none");
    equal(check(result, "backend.selected").status, "fail");
    ok(check(result, "backend.selected").hint);
    equal(result.shell.name, "bash");
  });
});

Deno.test("a fake Ollama with the configured model: backend reachable, exit 0", async () => {
  const ollama = fakeOllama(["qwen2.5-coder:7b", "llama3.2:3b"]);
  try {
    await withHome(async (home) => {
      await Deno.mkdir(join(home, "config"), { recursive: true });
      await Deno.writeTextFile(
        join(home, "config", "config.toml"),
        '[backend]\ntype = "ollama"\nmodel = "qwen2.5-coder:7b"\n\n[safety]\nlevel = "strict"\n',
      );
      const { code, result } = await doctorJson({
        CARO_HOME: home,
        SHELL: "/bin/bash",
        OLLAMA_HOST: `127.0.0.1:${ollama.port}`,
      });
      deepEqual(
        result.checks.filter((c) => c.status === "warn" || c.status === "fail"),
        [],
      );
      equal(code, 0);
      deepEqual(
        {
          type: result.backend.type,
          model: result.backend.model,
          reachable: result.backend.reachable,
        },
        { type: "ollama", model: "qwen2.5-coder:7b", reachable: true },
      );
      deepEqual(result.backend.ollama.models, ["qwen2.5-coder:7b", "llama3.2:3b"]);
      equal(result.backend.ollama.endpoint, "loopback");
      equal(result.config.safety_level, "strict");
      deepEqual(result.config.keys, ["backend.type", "backend.model", "safety.level"]);
    });
  } finally {
    await ollama.close();
  }
});

Deno.test("a configured model Ollama lacks: one warning with the pull command, never 'usable'", async () => {
  const ollama = fakeOllama(["llama3.2:3b"]);
  try {
    await withHome(async (home) => {
      await Deno.mkdir(join(home, "config"), { recursive: true });
      await Deno.writeTextFile(
        join(home, "config", "config.toml"),
        '[backend]\ntype = "ollama"\nmodel = "qwen2.5-coder:7b"\n',
      );
      const { code, result } = await doctorJson({
        CARO_HOME: home,
        OLLAMA_HOST: `http://127.0.0.1:${ollama.port}`,
      });
      equal(code, 1);
      const selected = check(result, "backend.selected");
      equal(selected.status, "warn");
      equal(
        selected.message,
        "ollama configured and reachable, but model qwen2.5-coder:7b is not in Ollama",
      );
      equal(selected.hint, "ollama pull qwen2.5-coder:7b");
      equal(result.checks.filter((c) => c.message.includes("usable")).length, 0);
      equal(result.summary.warn, 1);
    });
  } finally {
    await ollama.close();
  }
});

Deno.test("env, run and sys denied: valid JSON, those items not collected", async () => {
  await withHome(async (home) => {
    const { result } = await doctorJson(
      { CARO_HOME: home, HOME: home, SHELL: "/bin/bash" },
      ["--allow-read", "--allow-write", "--allow-net=127.0.0.1"],
      home,
    );
    const why = Object.fromEntries(result.not_collected.map((m) => [m.item, m.why]));
    equal(why["shell"], "permission not granted (env access to SHELL)");
    equal(why["platform.kernel"], "permission not granted (sys access to osRelease)");
    equal(result.shell.name, "unknown");
    equal(result.platform.kernel, null);
    equal(check(result, "shell.detected").status, "skipped");
    match(check(result, "shell.detected").hint ?? "", /--allow-env=SHELL/);
    equal(check(result, "context.proxy").status, "skipped");
    // Without HOME / CARO_HOME, caro's dirs are unknown: nothing is read or written in the cwd.
    equal(
      why["config"],
      "caro's directories are unknown: permission not granted (env access to HOME)",
    );
    match(check(result, "config.file").hint ?? "", /--allow-env=HOME/);
    deepEqual([...Deno.readDirSync(home)], []);
    equal(why["platform.version"], undefined, "reading is granted: the release is collected");
  });
});

Deno.test("a black-hole Ollama: the doctor finishes and reports it unreachable", async () => {
  const hole = blackHole();
  try {
    await withHome(async (home) => {
      const { code, result } = await doctorJson({
        CARO_HOME: home,
        OLLAMA_HOST: `127.0.0.1:${hole.port}`,
      });
      equal(code, 1);
      equal(result.backend.ollama.reachable, false);
      const why = result.not_collected.find((m) => m.item === "backend.ollama")?.why;
      equal(why, "timed out after 1000 ms");
      match(check(result, "backend.ollama").message, /timed out/);
    });
  } finally {
    await hole.close();
  }
});

Deno.test("a configured vLLM endpoint answering /v1/models: usable, shown as loopback only", async () => {
  const vllm = fakeOpenAiCompatible(["Qwen/Qwen2.5-Coder-7B-Instruct"]);
  try {
    await withHome(async (home) => {
      await Deno.mkdir(join(home, "config"), { recursive: true });
      await Deno.writeTextFile(
        join(home, "config", "config.toml"),
        `[backend]\ntype = "vllm"\nendpoint = "http://127.0.0.1:${vllm.port}/"\n`,
      );
      const { result } = await doctorJson({
        CARO_HOME: home,
        OLLAMA_HOST: `127.0.0.1:${closedPort()}`,
      });
      deepEqual(
        { type: result.backend.type, source: result.backend.source, ok: result.backend.reachable },
        { type: "vllm", source: "config", ok: true },
      );
      deepEqual(result.backend.openai_compatible, {
        endpoint: "loopback",
        reachable: true,
        models: ["Qwen/Qwen2.5-Coder-7B-Instruct"],
      });
      equal(check(result, "backend.selected").status, "ok");
    });
  } finally {
    await vllm.close();
  }
});

Deno.test("an embedded model file in the cache dir is found when nothing else runs", async () => {
  await withHome(async (home) => {
    await Deno.mkdir(join(home, "cache", "models"), { recursive: true });
    await Deno.writeTextFile(join(home, "cache", "models", "qwen2.5-coder-1.5b-q4_k_m.gguf"), "");
    await Deno.writeTextFile(join(home, "cache", "models", "README.txt"), "");
    const { result } = await doctorJson({
      CARO_HOME: home,
      OLLAMA_HOST: `127.0.0.1:${closedPort()}`,
    });
    deepEqual(
      { type: result.backend.type, source: result.backend.source, ok: result.backend.reachable },
      { type: "embedded", source: "detected", ok: true },
    );
    deepEqual(result.backend.embedded, {
      present: true,
      models: ["qwen2.5-coder-1.5b-q4_k_m.gguf"],
    });
  });
});

Deno.test("an OLLAMA_HOST that is no address and a refused hash key: not collected, no crash", async () => {
  await withHome(async (home) => {
    await Deno.mkdir(join(home, "data"), { recursive: true });
    await Deno.writeFile(join(home, "data", "hash.key"), new Uint8Array(32), { mode: 0o644 });
    await Deno.chmod(join(home, "data", "hash.key"), 0o644);
    const { result } = await doctorJson({ CARO_HOME: home, OLLAMA_HOST: "http://[zz" });
    const why = Object.fromEntries(result.not_collected.map((m) => [m.item, m.why]));
    equal(why["backend.ollama"], "the configured address is not a URL");
    equal(result.backend.ollama.reachable, null);
    equal(
      why["context.cwd_hash"],
      "the install's hash key file was refused (wrong size or permissions)",
    );
    equal(check(result, "context.cwd").status, "skipped");
  });
});
