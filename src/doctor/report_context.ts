/**
 * The doctor's findings as the environment blocks of a `DiagnosticReport`
 * (platform, shell, backend, safety context), in the report's wire shapes.
 * Values that do not fit the report's strict token format are left out
 * rather than bent: a report carries less, never something unchecked.
 *
 * @module
 */
import type { DoctorOutput } from "./doctor_output_schema.ts";
import type { WireReport } from "../protocol/report/schema.ts";

/** The report blocks the doctor fills. Trim to the consent level before sending. */
export type ReportContext = Pick<WireReport, "platform" | "shell" | "backend" | "safety_context">;

const TOKEN = /^[A-Za-z0-9._:+\/@-]+$/;

function token(value: string | null | undefined, max: number): string | undefined {
  if (!value) return undefined;
  const folded = value.trim().replace(/\s+/g, "-");
  return folded.length <= max && TOKEN.test(folded) ? folded : undefined;
}

/**
 * Maps a doctor result to the report's platform, shell, backend and safety
 * blocks (all Standard-level fields included; `trimToConsent` removes what
 * the user's level does not allow).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportContextFromDiagnostics } from "./report_context.ts";
 * import { runDiagnostics } from "./run_diagnostics.ts";
 * const context = reportContextFromDiagnostics(await runDiagnostics());
 * assert(context.platform.arch === Deno.build.arch);
 * ```
 */
export function reportContextFromDiagnostics(result: DoctorOutput): ReportContext {
  const p = result.platform;
  const osVersion = p.os === "linux"
    ? token([p.name?.split(/\s/)[0], p.version].filter(Boolean).join("-"), 64)
    : token(p.version, 64);
  const context: ReportContext = {
    platform: {
      os: p.os,
      arch: token(p.arch, 32) ?? "unknown",
      ...(osVersion ? { os_version: osVersion } : {}),
      ...(p.libc ? { libc: p.libc } : {}),
    },
    backend: {
      type: result.backend.type,
      ...(token(result.backend.model, 128) ? { model: token(result.backend.model, 128) } : {}),
      ...(result.backend.reachable === null ? {} : { reachable: result.backend.reachable }),
    },
    safety_context: {
      safety_level: result.config.safety_level,
      config_keys: result.config.keys.flatMap((key) => token(key, 64) ?? []).slice(0, 64),
    },
  };
  if (result.shell.name !== "unknown" || result.shell.version) {
    const version = token(result.shell.version, 64);
    context.shell = { name: result.shell.name, ...(version ? { version } : {}) };
  }
  return context;
}
