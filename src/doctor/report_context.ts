/**
 * The doctor's findings as the environment blocks of a `DiagnosticReport`
 * (platform, shell, backend, safety context), in the report's wire shapes.
 * Values that do not fit the report's strict token format are left out
 * rather than bent: a report carries less, never something unchecked.
 *
 * @module
 */
import type { DoctorOutput } from "./doctor_output_schema.ts";
import { TOKEN_ALPHABETS, type TokenKind, type WireReport } from "../protocol/report/schema.ts";

/** The report blocks the doctor fills. Trim to the consent level before sending. */
export type ReportContext = Pick<WireReport, "platform" | "shell" | "backend" | "safety_context">;

/** The value, blanks folded to `-`, when it fits the wire schema's alphabet for `kind` (`TOKEN_ALPHABETS`). */
function token(value: string | null | undefined, kind: TokenKind, max: number): string | undefined {
  if (!value) return undefined;
  const folded = value.trim().replace(/\s+/g, "-");
  return folded.length <= max && TOKEN_ALPHABETS[kind].test(folded) ? folded : undefined;
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
    ? token([p.name?.split(/\s/)[0], p.version].filter(Boolean).join("-"), "version", 64)
    : token(p.version, "version", 64);
  const model = token(result.backend.model, "model", 128);
  const libc = token(p.libc, "identifier", 32);
  const context: ReportContext = {
    platform: {
      os: p.os,
      arch: token(p.arch, "identifier", 32) ?? "unknown",
      ...(osVersion ? { os_version: osVersion } : {}),
      ...(libc ? { libc } : {}),
    },
    backend: {
      type: result.backend.type,
      ...(model ? { model } : {}),
      ...(result.backend.reachable === null ? {} : { reachable: result.backend.reachable }),
    },
    safety_context: {
      safety_level: result.config.safety_level,
      config_keys: result.config.keys.flatMap((key) => token(key, "identifier", 64) ?? []).slice(
        0,
        64,
      ),
    },
  };
  if (result.shell.name !== "unknown" || result.shell.version) {
    const version = token(result.shell.version, "version", 64);
    context.shell = { name: result.shell.name, ...(version ? { version } : {}) };
  }
  return context;
}
