import { deepEqual, equal } from "node:assert/strict";
import { deriveChecks } from "./derive_checks.ts";
import type { DoctorSections } from "./assemble_output.ts";

const example = JSON.parse(
  await Deno.readTextFile(new URL("../../contracts/examples/doctor.json", import.meta.url)),
);
const { checks: _checks, summary: _summary, ...base } = example;

function sections(change: (s: DoctorSections) => void): DoctorSections {
  const copy: DoctorSections = structuredClone(base);
  change(copy);
  return copy;
}

function verdict(s: DoctorSections, id: string) {
  const check = deriveChecks(s).find((c) => c.id === id);
  return check && { status: check.status, hint: check.hint };
}

Deno.test("the example machine: no warning, no failure", () => {
  deepEqual(deriveChecks(base).filter((c) => c.status === "warn" || c.status === "fail"), []);
});

Deno.test("each problem gets its status and one hint", () => {
  deepEqual(
    verdict(sections((s) => s.config.safety_level = "permissive"), "config.safety"),
    { status: "warn", hint: 'set level = "moderate" (or "strict") under [safety] in config.toml' },
  );
  equal(verdict(sections((s) => s.config.source = "legacy"), "config.file")?.status, "warn");
  deepEqual(
    verdict(
      sections((s) => s.context.proxy.bypasses_loopback = false),
      "context.proxy",
    ),
    { status: "warn", hint: "add localhost,127.0.0.1 to NO_PROXY" },
  );
  equal(
    verdict(
      sections((s) => s.shell = { name: "other", version: null, path: "…/tcsh" }),
      "shell.detected",
    )
      ?.status,
    "warn",
  );
  const invalid = sections((s) => {
    s.config.valid = false;
    s.config.problems = ["line 2: healing.enabled: expected true or false"];
  });
  equal(verdict(invalid, "config.file")?.status, "fail");
  const unreachable = sections((s) => {
    s.backend.reachable = false;
    s.backend.ollama.reachable = false;
    s.backend.ollama.models = [];
    s.not_collected.push({ item: "backend.ollama", why: "not reachable (connection failed)" });
  });
  deepEqual(verdict(unreachable, "backend.selected"), {
    status: "fail",
    hint: "start Ollama with `ollama serve` (install it from https://ollama.com)",
  });
});

Deno.test("what was not collected is skipped with the grant that would collect it", () => {
  const denied = sections((s) => {
    s.shell = { name: "unknown", version: null, path: null };
    s.not_collected.push({ item: "shell", why: "permission not granted (env access to SHELL)" });
  });
  deepEqual(verdict(denied, "shell.detected"), {
    status: "skipped",
    hint: "run caro with --allow-env=SHELL (the caro task and binaries have it)",
  });
});
