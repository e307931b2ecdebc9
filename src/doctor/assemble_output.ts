/**
 * Turns the collector's raw facts into the doctor's output sections: every
 * unknown value becomes `null` with its reason in `not_collected`, every
 * text goes through the run's scrubber, endpoints become loopback / remote.
 *
 * @module
 */
import type { Collected } from "./collector/collected.ts";
import type { DoctorFacts } from "./collector/collect.ts";
import type { ApiFacts } from "./collector/backend_probe.ts";
import type { DoctorOutput } from "./doctor_output_schema.ts";
import type { BackendType, OsFamily, SafetyLevel } from "../protocol/report/schema.ts";

/** The output without its checks and summary (those are derived from it). */
export type DoctorSections = Omit<DoctorOutput, "checks" | "summary">;

/** Default safety level of CARO when the config sets none. */
export const DEFAULT_SAFETY_LEVEL = "moderate";

/**
 * Builds the output sections from `facts`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assembleSections } from "./assemble_output.ts";
 * import { collectFacts } from "./collector/collect.ts";
 * import { processProbeDeps } from "./collector/probe_deps.ts";
 * const sections = assembleSections(await collectFacts(processProbeDeps()));
 * assert(sections.schema_version === 1);
 * ```
 */
export function assembleSections(facts: DoctorFacts): DoctorSections {
  const missing: DoctorSections["not_collected"] = [];
  const scrub = facts.scrub;
  const get = <T>(item: string, collected: Collected<T> | undefined): T | null => {
    if (collected === undefined) return null;
    if (collected.collected) return collected.value;
    missing.push({ item, why: scrub.known(collected.why) });
    return null;
  };
  const { platform, backend, context } = facts;
  const release = get("platform.version", platform.release);
  const shell = get("shell", facts.shell);
  const loaded = get("config", facts.config);
  const configured = loaded?.config;
  const ollamaModels = get("backend.ollama", backend.ollama.api.models);
  const ollamaBinary = get("backend.ollama.installed", backend.ollama.binary);
  const openaiModels = get("backend.openai_compatible", backend.openaiCompatible.models);
  const embedded = get("backend.embedded", backend.embedded);
  const proxy = get("context.proxy", context.proxy);
  const sections: Omit<DoctorSections, "backend" | "not_collected"> = {
    schema_version: 1,
    generated_at: new Date(facts.startedAt).toISOString(),
    elapsed_ms: Math.round(facts.elapsedMs),
    platform: {
      os: osFamily(platform.os),
      name: release?.name ?? null,
      version: release?.version ?? null,
      kernel: get("platform.kernel", platform.kernel),
      arch: platform.arch,
      libc: platform.libc ?? null,
    },
    shell: {
      name: shell?.name ?? "unknown",
      version: get("shell.version", shell?.version),
      path: shell?.path ? scrub.path(shell.path) : null,
    },
    caro: {
      version: facts.caro.version,
      target: facts.caro.target,
      install: get("caro.install", facts.caro.install),
      install_path_hash: get("caro.install_path_hash", facts.caro.installPathHash),
    },
    config: {
      found: loaded ? loaded.source !== "none" : null,
      source: loaded?.source ?? null,
      file: loaded?.path ? scrub.path(loaded.path) : null,
      valid: loaded ? loaded.problems.length === 0 : null,
      safety_level: loaded ? safetyLevel(configured?.safety.level) : "unknown",
      keys: configured ? configKeys(configured) : [],
      problems: (loaded?.problems ?? []).map((p) =>
        scrub.text(
          `${p.line === undefined ? "" : `line ${p.line}: `}${
            p.key ? `${p.key}: ` : ""
          }${p.message}`,
        )
      ),
    },
    context: {
      cwd_hash: get("context.cwd_hash", context.cwdHash),
      proxy: {
        in_use: proxy?.inUse ?? null,
        scheme: proxy?.scheme ?? null,
        bypasses_loopback: proxy?.bypassesLoopback ?? null,
      },
    },
  };
  const ollama = {
    installed: ollamaBinary?.installed ?? null,
    version: ollamaBinary?.version ?? null,
    endpoint: endpointKind(backend.ollama.api),
    reachable: reachable(backend.ollama.api),
    models: (ollamaModels ?? []).map(scrub.text),
  };
  const openaiCompatible = {
    endpoint: endpointKind(backend.openaiCompatible),
    reachable: reachable(backend.openaiCompatible),
    models: (openaiModels ?? []).map(scrub.text),
  };
  const embeddedModels = (embedded ?? []).map(scrub.text);
  const choice = chooseBackend(configured?.backend.type, {
    ollama: ollama.reachable,
    openai_compatible: openaiCompatible.reachable,
    embedded: embedded === null ? null : embedded.length > 0,
    mlx: backend.mlx.possible,
  });
  const { config: configSection, context: contextSection, ...leading } = sections;
  return {
    ...leading,
    backend: {
      ...choice,
      model: configured?.backend.model ? scrub.text(configured.backend.model) : null,
      ollama,
      openai_compatible: openaiCompatible,
      mlx: backend.mlx,
      embedded: { present: embedded === null ? null : embedded.length > 0, models: embeddedModels },
    },
    config: configSection,
    context: contextSection,
    not_collected: missing,
  };
}

type Usable = Record<"ollama" | "openai_compatible" | "embedded" | "mlx", boolean | null>;

function chooseBackend(
  configuredType: string | undefined,
  usable: Usable,
): { type: BackendType; source: "config" | "detected" | "none"; reachable: boolean | null } {
  if (configuredType) {
    const type = configuredType === "vllm" || configuredType === "openai_compatible"
      ? configuredType
      : configuredType in usable
      ? configuredType as BackendType
      : "unknown";
    const key = type === "vllm" ? "openai_compatible" : type;
    return {
      type,
      source: "config",
      reachable: key in usable ? usable[key as keyof Usable] : null,
    };
  }
  for (const type of ["ollama", "openai_compatible", "embedded", "mlx"] as const) {
    if (usable[type]) return { type, source: "detected", reachable: true };
  }
  return { type: "unknown", source: "none", reachable: false };
}

function reachable(api: ApiFacts): boolean | null {
  if (api.models.collected) return true;
  return /^not (reachable|usable)/.test(api.models.why) || /^timed out/.test(api.models.why)
    ? false
    : null;
}

function endpointKind(api: ApiFacts): "loopback" | "remote" {
  return api.loopback ? "loopback" : "remote";
}

function osFamily(os: string): OsFamily {
  if (os === "darwin") return "macos";
  return os === "linux" || os === "windows" ? os : "other";
}

function safetyLevel(level: string | undefined): SafetyLevel {
  const value = level ?? DEFAULT_SAFETY_LEVEL;
  return value === "strict" || value === "moderate" || value === "permissive" ? value : "unknown";
}

function configKeys(
  config: NonNullable<DoctorFacts["config"] & { collected: true }>["value"]["config"],
): string[] {
  return Object.entries(config).flatMap(([section, table]) =>
    Object.entries(table as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => `${section}.${key}`)
  ).filter((name) => /^[a-z_]+\.[A-Za-z0-9_-]+$/.test(name));
}
