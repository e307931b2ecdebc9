/**
 * The doctor as a library function: collect, assemble, judge. Returns the
 * same typed result `caro doctor --json` prints.
 *
 * @module
 */
import { assembleSections } from "./assemble_output.ts";
import { collectFacts, type CollectLimits } from "./collector/collect.ts";
import { type ProbeDeps, processProbeDeps } from "./collector/probe_deps.ts";
import type { EnvReader } from "../platform/env.ts";
import { deriveChecks } from "./derive_checks.ts";
import type { CheckStatus, DoctorOutput } from "./doctor_output_schema.ts";

/** Options of {@link runDiagnostics}. */
export interface DiagnosticsOptions {
  /** The whole collection stops waiting after this many ms (default 1500). */
  budgetMs?: number;
  /** Each probe's own limit (default 1000). */
  probeTimeoutMs?: number;
  /** The environment the doctor reads; default: the process's (ungranted variables unset). */
  env?: EnvReader;
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number;
  /** The install's keyed-hash key, when the caller already holds it. */
  hashKey?: CryptoKey;
}

/** Options of {@link diagnose}: every part of the outside world can be replaced. */
export interface DiagnoseOptions extends CollectLimits {
  /** Replaces parts of the real process (env, fetch, run, files, clock, build). */
  deps?: Partial<ProbeDeps>;
  /** The install's keyed-hash key, when the caller already holds it. */
  hashKey?: CryptoKey;
}

/**
 * Runs every doctor probe (in parallel, inside the time budget) and returns
 * the doctor's typed result. Never throws for anything the machine does:
 * missing permissions and dead backends are data.
 *
 * @example With a given environment
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDiagnostics } from "./run_diagnostics.ts";
 * const env: Record<string, string> = { CARO_HOME: await Deno.makeTempDir() };
 * const result = await runDiagnostics({ env: (name) => env[name], budgetMs: 1500 });
 * assert.equal(result.schema_version, 1);
 * assert(result.checks.length > 0);
 * ```
 */
export function runDiagnostics(options: DiagnosticsOptions = {}): Promise<DoctorOutput> {
  const { env, now, ...limits } = options;
  return diagnose({
    ...limits,
    deps: { ...(env ? { env } : {}), ...(now ? { now } : {}) },
  });
}

/**
 * {@link runDiagnostics} with any probe dependency replaced (tests, benches).
 *
 * @example With a fixed environment, every variable granted
 * ```ts
 * import assert from "node:assert/strict";
 * import { diagnose } from "./run_diagnostics.ts";
 * const env: Record<string, string> = { SHELL: "/bin/bash", CARO_HOME: await Deno.makeTempDir() };
 * const result = await diagnose({ deps: { env: (n) => env[n], envAllowed: () => true } });
 * assert.equal(result.shell.name, "bash");
 * ```
 */
export async function diagnose(options: DiagnoseOptions = {}): Promise<DoctorOutput> {
  const given: ProbeDeps = { ...processProbeDeps(), ...options.deps };
  // Each env read asks Deno's permission system; ask once per name per run.
  const deps: ProbeDeps = {
    ...given,
    env: once(given.env),
    envAllowed: once(given.envAllowed),
  };
  const facts = await collectFacts(deps, options, options.hashKey);
  const sections = assembleSections(facts);
  const checks = deriveChecks(sections);
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const check of checks) summary[check.status]++;
  return { ...sections, checks, summary };
}

/**
 * The doctor's exit code: 0 when nothing is wrong, 1 on any warning or failure.
 *
 * @example A warning is worth exit 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { doctorExitCode } from "./run_diagnostics.ts";
 * assert(doctorExitCode({ ok: 3, warn: 1, fail: 0, skipped: 2 }) === 1);
 * ```
 */
export function doctorExitCode(summary: DoctorOutput["summary"]): 0 | 1 {
  return summary.warn + summary.fail > 0 ? 1 : 0;
}

function once<V>(read: (name: string) => V): (name: string) => V {
  const seen = new Map<string, V>();
  return (name) => {
    if (!seen.has(name)) seen.set(name, read(name));
    return seen.get(name)!;
  };
}
