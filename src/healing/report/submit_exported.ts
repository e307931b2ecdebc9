/**
 * `caro report --submit FILE`: sends a report exported with `--export`
 * (typically on an air-gapped machine). Consent was given when it was
 * exported, at the level the report declares; the hard opt-outs still win
 * (`--no-healing`, `DO_NOT_TRACK`, healing disabled). The checked bytes of
 * the file are delivered as they are: submitted, or queued on failure.
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import type { EnvReader } from "../../platform/env.ts";
import { decideConsent } from "../consent/decide_consent.ts";
import { loadHealingSettings } from "../settings/load_healing_settings.ts";
import { loadOrCreateInstallKey } from "../identity/install_key.ts";
import type { ReportOutcome } from "./report_failure.ts";
import { deliverReport } from "../submit/deliver.ts";
import { doNotTrack } from "../submit/healing_off.ts";
import { readExportedReport } from "./exported_report.ts";

/**
 * Checks and sends an exported report.
 *
 * @example
 * ```ts ignore
 * const outcome = await submitExportedReport({ file: "report.caro.json", env: processEnv,
 *   stderr, healing: true, now: Date.now });
 * ```
 */
export async function submitExportedReport(options: {
  file: string;
  env: EnvReader;
  stderr: TextSink;
  healing: boolean;
  now: () => number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}): Promise<ReportOutcome> {
  const checked = await readExportedReport(options.file);
  const { dirs, settings } = await loadHealingSettings(options.env, options.stderr);
  const decision = decideConsent({
    healingFlag: options.healing,
    consentFlag: checked.level,
    doNotTrack: doNotTrack(options.env),
    enabled: settings.enabled.value,
    configuredLevel: settings.consentLevel.value,
    ci: false,
    interactive: false,
  });
  if (decision.kind === "refuse") return { status: "not_sent", reason: decision.reason };
  const outcome = await deliverReport({
    body: checked.body,
    reportId: checked.reportId,
    endpoint: settings.endpoint.value,
    dataDir: dirs.data,
    installKey: await loadOrCreateInstallKey(dirs.data),
    now: options.now,
    fetch: options.fetch,
    sleep: options.sleep,
    stderr: options.stderr,
  });
  return { ...outcome, reportId: checked.reportId, sha256: checked.sha256 };
}
