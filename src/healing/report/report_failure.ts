/**
 * `reportFailure`: the healing client's report path as one library function,
 * the same code `caro report` runs. In order: check the input, read the
 * settings, decide consent (see `consent/decide_consent.ts`: nothing is
 * built, sent or queued when refused), run the doctor, build the report at
 * the consent level, sanitize, ask consent (terminal only) with a preview of
 * the exact bytes, ask a contact, ask whether the problem is a known case
 * (a one-line "+1, follow CARO-…") and submit: the report is queued first
 * (write-ahead) and stays queued when sending fails within the budget.
 *
 * Privacy guarantees: only a payload made from a sanitized report is ever
 * sent; the bytes sent are the bytes previewed; a library call never
 * prompts, so without `consent` (or a remembered Always) it sends nothing.
 *
 * @module
 */
import { SILENT_SINK, type TextSink } from "../../platform/text_sink.ts";
import type { ConsentLevel } from "../../protocol/report/schema.ts";
import { formatSummary } from "../../sanitizer/mod.ts";
import { type ReportContext, reportContextFromDiagnostics } from "../../doctor/report_context.ts";
import { runDiagnostics } from "../../doctor/run_diagnostics.ts";
import { UsageError } from "../../errors.ts";
import { type EnvReader, processEnv } from "../../platform/env.ts";
import { askConsent, terminalKeys } from "../consent/ask_consent.ts";
import { ConsentInterrupted } from "../consent/consent_interrupted.ts";
import { renderPayload } from "../consent/consent_prompt.ts";
import { decideConsent, type RefuseReason } from "../consent/decide_consent.ts";
import { readConsentedFields, rememberConsent } from "../consent/remember_consent.ts";
import { askContact, terminalLines } from "../contact/ask_contact.ts";
import { saveContact } from "../contact/contact_store.ts";
import { type Contact, parseContact } from "../contact/parse_contact.ts";
import { loadHealingSettings } from "../settings/load_healing_settings.ts";
import { writableConfigPath } from "../settings/writable_config_path.ts";
import { loadOrCreateInstallKey } from "../identity/install_key.ts";
import { exportReport } from "./exported_report.ts";
import { describeKnownCase, lookupKnownCase } from "./known_case.ts";
import { checkFailureInput, type FailureInput, type RawFailureFields } from "./failure_input.ts";
import { prepareReport } from "./prepare_report.ts";
import type { ReportPayload } from "./report_payload.ts";
import { deliverReport } from "../submit/deliver.ts";
import { doNotTrack } from "../submit/healing_off.ts";

/** Options of {@link reportFailure}. Everything but `failure` has a default. */
export interface ReportFailureOptions {
  /** The failure, by the JSON names of `caro report` (`failure_type`, `stage`, `request` …), or already checked. */
  failure: RawFailureFields | FailureInput;
  /** Consent given up front at this level (`--healing-consent`). */
  consent?: ConsentLevel;
  /** `false` is `--no-healing`: nothing is built, sent or queued. */
  healing?: boolean;
  /** Environment (CARO_HOME, CARO_HEALING_*, DO_NOT_TRACK, CI …); default: the process's. */
  env?: EnvReader;
  /** Progress, the prompt and warnings; default: silent. */
  stderr?: TextSink;
  /** A person can answer on this terminal (stdin and stderr are TTYs); default `false`. */
  interactive?: boolean;
  /** Key presses for the consent prompt; default: the terminal in raw mode. */
  keys?: AsyncIterable<string>;
  /** Typed lines for the contact question; default: the terminal. */
  lines?: AsyncIterable<string>;
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number;
  /** The HTTP client; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits between retries (fake time in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Write a signed export to this file instead of sending. */
  exportTo?: string;
  /** The machine context; default: the doctor (`runDiagnostics`). */
  diagnose?: (env: EnvReader) => Promise<ReportContext>;
  /**
   * Aborted on Ctrl-C (`caro report` wires it to SIGINT): before anything is
   * written, nothing is sent ({@link ConsentInterrupted}); once the report
   * is queued, sending stops and it stays queued (a `queued` outcome).
   */
  signal?: AbortSignal;
}

/** How one report ended. `sha256` is the hash of the exact bytes sent, queued or exported. */
export type ReportOutcome =
  | {
    status: "submitted";
    reportId: string;
    caseId: string;
    trackUrl: string;
    message?: string;
    fixedIn?: string;
    sha256: string;
  }
  | { status: "queued"; reportId: string; reason: string; sha256: string }
  | { status: "rejected"; reportId: string; reason: string; httpStatus: number; sha256: string }
  | { status: "exported"; reportId: string; file: string; sha256: string }
  | { status: "not_sent"; reason: RefuseReason | "declined" | "never" };

/**
 * Reports one CARO failure to the healing service, with consent.
 *
 * @example A host program reporting with consent given up front
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportFailure } from "./report_failure.ts";
 * const home = await Deno.makeTempDir();
 * let clock = Date.now(); // a fake clock, so the retries' waits take no time
 * const outcome = await reportFailure({
 *   failure: { failure_type: "generation", stage: "inference", request: "list big files" },
 *   consent: "minimal",
 *   env: (name) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: "http://127.0.0.1:1" })[name],
 *   diagnose: () => Promise.resolve({ platform: { os: "linux", arch: "x86_64" } }),
 *   now: () => clock,
 *   sleep: (ms) => { clock += ms; return Promise.resolve(); },
 * });
 * // Nothing listens on port 1: the report waits in the queue for a later run.
 * assert(outcome.status === "queued");
 * ```
 */
export async function reportFailure(options: ReportFailureOptions): Promise<ReportOutcome> {
  const failure = "failureType" in options.failure
    ? options.failure as FailureInput
    : checkFailureInput(options.failure as RawFailureFields, "json");
  const env = options.env ?? processEnv;
  const stderr = options.stderr ?? SILENT_SINK;
  const now = options.now ?? Date.now;
  const interactive = options.interactive ?? false;
  const flagContact = failure.contact === undefined ? undefined : parseContact(failure.contact);
  if (flagContact && !flagContact.ok) throw new UsageError(`--contact: ${flagContact.message}`);

  const { dirs, loaded, settings } = await loadHealingSettings(env, stderr);
  const decision = decideConsent({
    healingFlag: options.healing ?? true,
    consentFlag: options.consent,
    doNotTrack: doNotTrack(env),
    enabled: settings.enabled.value,
    configuredLevel: settings.consentLevel.value,
    ci: ciSet(env),
    interactive,
    remember: settings.remember.value,
    rememberedVersion: settings.consentVersion.value,
    rememberedFields: settings.remember.value === "always"
      ? await readConsentedFields(dirs.data)
      : undefined,
  });
  if (decision.kind === "refuse") return { status: "not_sent", reason: decision.reason };

  let contact = flagContact?.ok ? flagContact.contact : configuredContact(settings.contact, stderr);
  const diagnose = options.diagnose ??
    (async (env: EnvReader) => reportContextFromDiagnostics(await runDiagnostics({ env })));
  const context = await diagnose(env);
  const meta = { id: crypto.randomUUID(), nowMs: now(), level: decision.level };
  let payload = await prepareReport(failure, context, { ...meta, contact });

  if (decision.kind === "prompt") {
    const answer = await askConsent({
      view: {
        level: decision.level,
        payloadText: payload.text,
        sha256: payload.sha256,
        redactionSummary: formatSummary(payload.summary),
        fields: presentFields(payload),
        ...(decision.newFields ? { newFields: decision.newFields } : {}),
        endpoint: settings.endpoint.value,
        ...(options.exportTo === undefined ? {} : { exportTo: options.exportTo }),
      },
      keys: options.keys ?? terminalKeys(),
      write: (text) => stderr.write(text),
    });
    const remember = async (answer: "always" | "never") =>
      await rememberConsent({
        configPath: await writableConfigPath(dirs, loaded),
        dataDir: dirs.data,
        answer,
        level: decision.level,
      });
    if (answer === "no") return { status: "not_sent", reason: "declined" };
    if (answer === "never") {
      await remember("never");
      return { status: "not_sent", reason: "never" };
    }
    if (contact === null) {
      // Before Always is remembered: Ctrl-C here leaves nothing behind.
      contact = await askContact({
        lines: options.lines ?? terminalLines(),
        write: (text) => stderr.write(text),
        signal: options.signal,
      });
      if (contact) {
        // The contact changes the bytes: show the final ones, which are the ones sent.
        payload = await prepareReport(failure, context, { ...meta, contact });
        stderr.write(
          "Contact added; this is the report as sent:\n" + renderPayload({
            payloadText: payload.text,
            sha256: payload.sha256,
            redactionSummary: formatSummary(payload.summary),
          }),
        );
      }
    }
    if (options.signal?.aborted) throw new ConsentInterrupted();
    if (answer === "always") await remember("always");
  }

  if (options.signal?.aborted) throw new ConsentInterrupted();
  const reportId = payload.report.id;
  const installKey = await loadOrCreateInstallKey(dirs.data);
  if (options.exportTo !== undefined) {
    await exportReport(options.exportTo, payload, installKey, now());
    return { status: "exported", reportId, file: options.exportTo, sha256: payload.sha256 };
  }
  if (contact) await saveContact(dirs.data, { report_id: reportId, ...contact });
  // Write-ahead: the report is queued before the first network byte, the
  // known-case question included; the terminal is back within the budget.
  const outcome = await deliverReport({
    body: payload.bytes,
    reportId,
    endpoint: settings.endpoint.value,
    dataDir: dirs.data,
    installKey,
    now,
    fetch: options.fetch,
    sleep: options.sleep,
    stderr,
    signal: options.signal,
    afterQueued: async (timeoutMs) => {
      const known = await lookupKnownCase({
        endpoint: settings.endpoint.value,
        report: payload.report,
        fetch: options.fetch,
        timeoutMs,
        signal: options.signal,
      });
      if (known) stderr.write(`${describeKnownCase(known)}\n`);
    },
  });
  // Delivery records the case and links the saved contact to it.
  return { ...outcome, reportId, sha256: payload.sha256 };
}

function ciSet(env: EnvReader): boolean {
  const word = env("CI")?.trim().toLowerCase();
  return word !== undefined && word !== "" && word !== "0" && word !== "false";
}

function configuredContact(
  setting: { value: string | undefined; origin?: string },
  stderr: TextSink,
): Contact | null {
  if (setting.value === undefined) return null;
  const parsed = parseContact(setting.value);
  if (parsed.ok) return parsed.contact;
  stderr.write(`warning: ${setting.origin}: ${parsed.message} (no contact sent)\n`);
  return null;
}

function presentFields(payload: ReportPayload): string[] {
  return Object.entries(payload.report).flatMap(([key, value]) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.keys(value).map((inner) => `${key}.${inner}`)
      : [key]
  );
}
