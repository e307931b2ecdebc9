import { deepEqual, equal, ok } from "node:assert/strict";
import { reportContextFromDiagnostics } from "./report_context.ts";
import type { DoctorOutput } from "./doctor_output_schema.ts";
import { BackendInfo, PlatformInfo, SafetyContext, ShellInfo } from "../protocol/report/schema.ts";

const example: DoctorOutput = JSON.parse(
  await Deno.readTextFile(new URL("../../contracts/examples/doctor.json", import.meta.url)),
);

Deno.test("the doctor's result becomes valid report blocks", () => {
  const context = reportContextFromDiagnostics(example);
  deepEqual(context, {
    platform: { os: "linux", arch: "x86_64", os_version: "Debian-12", libc: "glibc" },
    shell: { name: "zsh", version: "5.9" },
    backend: { type: "ollama", model: "qwen2.5-coder:7b", reachable: true },
    safety_context: {
      safety_level: "moderate",
      config_keys: ["backend.type", "backend.model", "safety.level"],
    },
  });
  ok(PlatformInfo.safeParse(context.platform).success);
  ok(ShellInfo.safeParse(context.shell).success);
  ok(BackendInfo.safeParse(context.backend).success);
  ok(SafetyContext.safeParse(context.safety_context).success);
});

Deno.test("values that do not fit the report's tokens are left out, not bent", () => {
  const odd: DoctorOutput = structuredClone(example);
  odd.backend.model = "my model <REDACTED> with spaces and a very long tail";
  odd.backend.reachable = null;
  odd.shell = { name: "unknown", version: null, path: null };
  odd.platform = { ...odd.platform, name: null, version: null };
  const context = reportContextFromDiagnostics(odd);
  deepEqual(context.backend, { type: "ollama" });
  equal(context.shell, undefined);
  equal(context.platform.os_version, undefined);
});
