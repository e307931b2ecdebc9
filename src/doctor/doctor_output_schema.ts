/**
 * The versioned output of `caro doctor --json`, as zod (`zod/mini`) schemas:
 * the single source of `contracts/doctor.schema.json` (`deno task
 * contracts`) and the type {@link runDiagnostics} returns. Every value that
 * may be unknown is `null` with the reason in `not_collected`, so a consumer
 * always finds every key. No field ever holds a URL, a host, a user name or
 * a home path: endpoints are `loopback` or `remote`, paths are hashed or
 * start at `~`.
 *
 * @module
 */
import * as z from "zod/mini";
import {
  BACKEND_TYPES,
  type BackendType,
  OS_FAMILIES,
  type OsFamily,
  SAFETY_LEVELS,
  type SafetyLevel,
} from "../protocol/report/schema.ts";
import type { EnumValidator, Validator } from "../protocol/validator.ts";

/** Version of the doctor's JSON output; bumped on any incompatible change. */
export const DOCTOR_SCHEMA_VERSION = 1 as const;

/** Outcome of one check. `skipped`: not collected, or not applicable here. */
export type CheckStatus = "ok" | "warn" | "fail" | "skipped";
/** Wire schema of {@link CheckStatus}. */
const checkStatusSchema = z.enum(["ok", "warn", "fail", "skipped"]);
/** Validator of {@link CheckStatus}. */
export const CheckStatus: EnumValidator<CheckStatus> = checkStatusSchema;

/** The sections of the doctor's output, in display order. */
export type DoctorSection = "platform" | "shell" | "caro" | "backend" | "config" | "context";
const doctorSectionSchema = z.enum([
  "platform",
  "shell",
  "caro",
  "backend",
  "config",
  "context",
]);
/** Validator of {@link DoctorSection}. */
export const DoctorSection: EnumValidator<DoctorSection> = doctorSectionSchema;

/** One check: a verdict, what was found and, for a problem, one fix. */
export interface DoctorCheck {
  /** Dotted id, e.g. `backend.reachable`. */
  id: string;
  /** The section it is shown in. */
  section: DoctorSection;
  /** The verdict. */
  status: CheckStatus;
  /** What was found, one line. */
  message: string;
  /** One way to fix the problem; null for ok and for not-applicable checks. */
  hint: string | null;
}
const doctorCheckSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z_]+(\.[a-z_]+)+$/)),
  section: doctorSectionSchema,
  status: checkStatusSchema,
  message: z.string().check(z.minLength(1)),
  hint: z.nullable(z.string()),
});
/** Validator of {@link DoctorCheck}. */
export const DoctorCheck: Validator<DoctorCheck> = doctorCheckSchema;

/** Where a backend endpoint points: this machine or elsewhere (never the URL). */
export type EndpointKind = "loopback" | "remote";

/** Output of `caro doctor --json` (`contracts/doctor.schema.json`). */
export interface DoctorOutput {
  /** {@link DOCTOR_SCHEMA_VERSION}. */
  schema_version: typeof DOCTOR_SCHEMA_VERSION;
  /** When the doctor ran, ISO 8601. */
  generated_at: string;
  /** How long collecting took. */
  elapsed_ms: number;
  /** The operating system. */
  platform: {
    /** The OS family. */
    os: OsFamily;
    /** "Debian GNU/Linux", "macOS", "Windows". */
    name: string | null;
    /** Release: "12", "14.5", "10.0.22631". */
    version: string | null;
    /** The kernel release. */
    kernel: string | null;
    /** The CPU architecture. */
    arch: string;
    /** Linux only: the C library caro's build links against. */
    libc: "glibc" | "musl" | "other" | null;
  };
  /** The user's shell. */
  shell: {
    /** The shell, by family. */
    name: "bash" | "zsh" | "fish" | "pwsh" | "powershell" | "cmd" | "sh" | "other" | "unknown";
    /** Its version. */
    version: string | null;
    /** The shell's path with the home directory shown as `~`. */
    path: string | null;
  };
  /** caro itself. */
  caro: {
    /** caro's version. */
    version: string;
    /** The build target triple. */
    target: string;
    /** A compiled binary or `deno run`. */
    install: "standalone" | "deno_run" | null;
    /** The executable's path, keyed-hashed with this install's key. */
    install_path_hash: string | null;
  };
  /** The LLM backend. */
  backend: {
    /** The configured backend, else the first usable one found. */
    type: BackendType;
    /** Where {@link DoctorOutput.backend.type} came from. */
    source: "config" | "detected" | "none";
    /** The model in use. */
    model: string | null;
    /** null when it could not be checked. */
    reachable: boolean | null;
    /** Ollama. */
    ollama: {
      /** Whether the `ollama` binary is on PATH. */
      installed: boolean | null;
      /** Its version. */
      version: string | null;
      /** Where it listens. */
      endpoint: EndpointKind;
      /** Whether it answered. */
      reachable: boolean | null;
      /** The models it has. */
      models: string[];
    };
    /** An OpenAI-compatible server. */
    openai_compatible: {
      /** Where it listens. */
      endpoint: EndpointKind;
      /** Whether it answered. */
      reachable: boolean | null;
      /** The models it serves. */
      models: string[];
    };
    /** MLX (Apple silicon). */
    mlx: {
      /** Whether this machine can run it. */
      possible: boolean;
    };
    /** The embedded backend. */
    embedded: {
      /** Whether it is built in. */
      present: boolean | null;
      /** The models found for it. */
      models: string[];
    };
  };
  /** caro's config file. */
  config: {
    /** Whether a file was found. */
    found: boolean | null;
    /** caro's own file, the legacy cmdai one, or none. */
    source: "caro" | "legacy" | "none" | null;
    /** The file read, home shown as `~`. */
    file: string | null;
    /** Whether it parsed without a problem. */
    valid: boolean | null;
    /** The safety level in effect. */
    safety_level: SafetyLevel;
    /** Names (never values) of the keys the file sets. */
    keys: string[];
    /** One line per problem. */
    problems: string[];
  };
  /** Where caro runs. */
  context: {
    /** The working directory, keyed-hashed with this install's key. */
    cwd_hash: string | null;
    /** The HTTP proxy. */
    proxy: {
      /** Whether one is configured. */
      in_use: boolean | null;
      /** Scheme only (`http`, `socks5`); never the URL, which may hold credentials. */
      scheme: string | null;
      /** Whether NO_PROXY exempts localhost and 127.0.0.1 (local backends skip the proxy). */
      bypasses_loopback: boolean | null;
    };
  };
  /** Items the doctor could not collect, and why. */
  not_collected: { item: string; why: string }[];
  /** Every check, in section order. */
  checks: DoctorCheck[];
  /** How many checks ended each way. */
  summary: { ok: number; warn: number; fail: number; skipped: number };
}

const text = z.nullable(z.string());
const flag = z.nullable(z.boolean());
const endpointSchema = z.enum(["loopback", "remote"]);

/** Wire schema of {@link DoctorOutput}. */
const doctorOutputSchema = z.strictObject({
  schema_version: z.literal(DOCTOR_SCHEMA_VERSION),
  generated_at: z.iso.datetime(),
  elapsed_ms: z.number().check(z.minimum(0)),
  platform: z.strictObject({
    os: z.enum(OS_FAMILIES),
    name: text,
    version: text,
    kernel: text,
    arch: z.string(),
    libc: z.nullable(z.enum(["glibc", "musl", "other"])),
  }),
  shell: z.strictObject({
    name: z.enum(["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh", "other", "unknown"]),
    version: text,
    path: text,
  }),
  caro: z.strictObject({
    version: z.string(),
    target: z.string(),
    install: z.nullable(z.enum(["standalone", "deno_run"])),
    install_path_hash: text,
  }),
  backend: z.strictObject({
    type: z.enum(BACKEND_TYPES),
    source: z.enum(["config", "detected", "none"]),
    model: text,
    reachable: flag,
    ollama: z.strictObject({
      installed: flag,
      version: text,
      endpoint: endpointSchema,
      reachable: flag,
      models: z.array(z.string()),
    }),
    openai_compatible: z.strictObject({
      endpoint: endpointSchema,
      reachable: flag,
      models: z.array(z.string()),
    }),
    mlx: z.strictObject({ possible: z.boolean() }),
    embedded: z.strictObject({ present: flag, models: z.array(z.string()) }),
  }),
  config: z.strictObject({
    found: flag,
    source: z.nullable(z.enum(["caro", "legacy", "none"])),
    file: text,
    valid: flag,
    safety_level: z.enum(SAFETY_LEVELS),
    keys: z.array(z.string()),
    problems: z.array(z.string()),
  }),
  context: z.strictObject({
    cwd_hash: text,
    proxy: z.strictObject({
      in_use: flag,
      scheme: text,
      bypasses_loopback: flag,
    }),
  }),
  not_collected: z.array(z.strictObject({ item: z.string(), why: z.string() })),
  checks: z.array(doctorCheckSchema),
  summary: z.strictObject({
    ok: z.int().check(z.minimum(0)),
    warn: z.int().check(z.minimum(0)),
    fail: z.int().check(z.minimum(0)),
    skipped: z.int().check(z.minimum(0)),
  }),
});
/** Validator of {@link DoctorOutput}: what `caro doctor --json` prints. */
export const DoctorOutput: Validator<DoctorOutput> = doctorOutputSchema;
