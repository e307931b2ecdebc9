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
import { BackendType, OsFamily, SafetyLevel } from "../protocol/report/schema.ts";

/** Version of the doctor's JSON output; bumped on any incompatible change. */
export const DOCTOR_SCHEMA_VERSION = 1;

/** Outcome of one check. `skipped`: not collected, or not applicable here. */
export const CheckStatus = z.enum(["ok", "warn", "fail", "skipped"]);
/** @see {@link CheckStatus} */
export type CheckStatus = z.output<typeof CheckStatus>;

/** The sections of the doctor's output, in display order. */
export const DoctorSection = z.enum(["platform", "shell", "caro", "backend", "config", "context"]);
/** @see {@link DoctorSection} */
export type DoctorSection = z.output<typeof DoctorSection>;

/** One check: a verdict, what was found and, for a problem, one fix. */
export const DoctorCheck = z.strictObject({
  id: z.string().check(z.regex(/^[a-z_]+(\.[a-z_]+)+$/)),
  section: DoctorSection,
  status: CheckStatus,
  message: z.string().check(z.minLength(1)),
  /** One way to fix the problem; null for ok and for not-applicable checks. */
  hint: z.nullable(z.string()),
});
/** @see {@link DoctorCheck} */
export type DoctorCheck = z.output<typeof DoctorCheck>;

const text = z.nullable(z.string());
const flag = z.nullable(z.boolean());
const Endpoint = z.enum(["loopback", "remote"]);

/** Output of `caro doctor --json`. */
export const DoctorOutput = z.strictObject({
  schema_version: z.literal(DOCTOR_SCHEMA_VERSION),
  generated_at: z.iso.datetime(),
  elapsed_ms: z.number().check(z.minimum(0)),
  platform: z.strictObject({
    os: OsFamily,
    /** "Debian GNU/Linux", "macOS", "Windows". */
    name: text,
    /** Release: "12", "14.5", "10.0.22631". */
    version: text,
    kernel: text,
    arch: z.string(),
    /** Linux only: the C library caro's build links against. */
    libc: z.nullable(z.enum(["glibc", "musl", "other"])),
  }),
  shell: z.strictObject({
    name: z.enum(["bash", "zsh", "fish", "pwsh", "powershell", "cmd", "sh", "other", "unknown"]),
    version: text,
    /** The shell's path with the home directory shown as `~`. */
    path: text,
  }),
  caro: z.strictObject({
    version: z.string(),
    target: z.string(),
    install: z.nullable(z.enum(["standalone", "deno_run"])),
    /** The executable's path, keyed-hashed with this install's key. */
    install_path_hash: text,
  }),
  backend: z.strictObject({
    /** The configured backend, else the first usable one found. */
    type: BackendType,
    source: z.enum(["config", "detected", "none"]),
    model: text,
    /** null when it could not be checked. */
    reachable: flag,
    ollama: z.strictObject({
      installed: flag,
      version: text,
      endpoint: Endpoint,
      reachable: flag,
      models: z.array(z.string()),
    }),
    openai_compatible: z.strictObject({
      endpoint: Endpoint,
      reachable: flag,
      models: z.array(z.string()),
    }),
    mlx: z.strictObject({ possible: z.boolean() }),
    embedded: z.strictObject({ present: flag, models: z.array(z.string()) }),
  }),
  config: z.strictObject({
    found: flag,
    source: z.nullable(z.enum(["caro", "legacy", "none"])),
    /** The file read, home shown as `~`. */
    file: text,
    valid: flag,
    safety_level: SafetyLevel,
    /** Names (never values) of the keys the file sets. */
    keys: z.array(z.string()),
    problems: z.array(z.string()),
  }),
  context: z.strictObject({
    /** The working directory, keyed-hashed with this install's key. */
    cwd_hash: text,
    proxy: z.strictObject({
      in_use: flag,
      /** Scheme only (`http`, `socks5`); never the URL, which may hold credentials. */
      scheme: text,
      /** Whether NO_PROXY exempts localhost and 127.0.0.1 (local backends skip the proxy). */
      bypasses_loopback: flag,
    }),
  }),
  /** Items the doctor could not collect, and why. */
  not_collected: z.array(z.strictObject({ item: z.string(), why: z.string() })),
  checks: z.array(DoctorCheck),
  summary: z.strictObject({
    ok: z.int().check(z.minimum(0)),
    warn: z.int().check(z.minimum(0)),
    fail: z.int().check(z.minimum(0)),
    skipped: z.int().check(z.minimum(0)),
  }),
});
/** @see {@link DoctorOutput} */
export type DoctorOutput = z.output<typeof DoctorOutput>;
