/**
 * The library's notice check (`mod.ts` exports it): asks the healing service
 * for news about this install's reports at most once a day (or now, with
 * `refresh`), stores it, and returns the notices still to be shown. It never
 * sends anything when healing is off (`DO_NOT_TRACK`, `enabled` not `true`,
 * a remembered Never; nor creates the install key then), and never throws for a network problem: `note` says what happened.
 *
 * @module
 */
import type { EnvReader } from "../../platform/env.ts";
import type { InstallKey } from "../../protocol/signed_request.ts";
import { readCaseRecords } from "../cases/case_records.ts";
import { describeRefusal } from "../consent/decide_consent.ts";
import { healingOffReason } from "../submit/healing_off.ts";
import { type Notice, pendingNotices, readNoticeFile } from "./notice_store.ts";
import { RefreshFailed, refreshNotices } from "./refresh_notices.ts";

/** How often the service is asked without `refresh`. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Options of {@link checkNotifications}; everything has a default. */
export interface CheckNotificationsOptions {
  /** caro's data dir; default: from the environment (`CARO_HOME`, XDG, …). */
  dataDir?: string;
  /** The service; default: `CARO_HEALING_ENDPOINT`, then `[healing] endpoint`. */
  endpoint?: string;
  /** Default: the process environment (permission-aware). */
  env?: EnvReader;
  /** Ask now even if asked in the last 24 h. */
  refresh?: boolean;
  /** Default: the install's own key from the data dir. */
  installKey?: InstallKey;
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number;
  /** The HTTP client; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Aborts the request (the check then reports it was not asked). */
  signal?: AbortSignal;
  /** Default 10 s. */
  timeoutMs?: number;
}

/** What {@link checkNotifications} did and found. */
export interface NotificationsCheck {
  /** Whether the service was asked. */
  asked: boolean;
  /** Why it was not asked, or why asking failed. */
  note?: string;
  /** Notices this call received. */
  added: Notice[];
  /** Notices not shown or dismissed yet (this call does not mark them shown). */
  pending: Notice[];
}

/**
 * Checks for notices about this install's cases.
 *
 * @example After reporting with `caro report`, ask for news
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNotifications } from "./check_notifications.ts";
 * const check = await checkNotifications({ dataDir: await Deno.makeTempDir(), env: () => undefined });
 * assert(check.asked === false && check.note === "no reports sent from this install yet");
 * for (const notice of check.pending) console.log(`${notice.caseId}: ${notice.message}`);
 * ```
 */
export async function checkNotifications(
  options: CheckNotificationsOptions = {},
): Promise<NotificationsCheck> {
  const now = options.now ?? Date.now;
  const env = options.env ?? (await import("../../platform/env.ts")).processEnv;
  let { dataDir, endpoint } = options;
  // The opt-outs are read whatever the caller passed: an opted-out install sends nothing.
  const { loadHealingSettings } = await import("../settings/load_healing_settings.ts");
  const loaded = await loadHealingSettings(env, { isTerminal: false, write() {} });
  dataDir ??= loaded.dirs.data;
  endpoint ??= loaded.settings.endpoint.value;
  const enabled = loaded.settings.enabled.value;
  const result = async (asked: boolean, added: Notice[], note?: string) => ({
    asked,
    added,
    pending: pendingNotices(await readNoticeFile(dataDir), now()),
    ...(note ? { note } : {}),
  });
  const off = healingOffReason({ healingFlag: true, env, enabled });
  const refused = off ??
    (loaded.settings.remember.value === "never" ? "remembered-never" : undefined);
  if (refused) {
    return result(false, [], describeRefusal(refused).replace("not sent", "not asked"));
  }
  const file = await readNoticeFile(dataDir);
  const due = file.lastCheckedAt === undefined || now() - file.lastCheckedAt >= CHECK_INTERVAL_MS;
  if (!options.refresh && !due) return result(false, [], "asked less than a day ago");
  if (!options.refresh && (await readCaseRecords(dataDir).catch(() => [])).length === 0) {
    return result(false, [], "no reports sent from this install yet");
  }
  const installKey = options.installKey ??
    await (await import("../identity/install_key.ts")).loadOrCreateInstallKey(dataDir);
  try {
    const added = await refreshNotices({
      dataDir,
      endpoint,
      installKey,
      now,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      fetch: options.fetch,
    });
    return result(true, added);
  } catch (error) {
    if (!(error instanceof RefreshFailed)) throw error;
    return result(true, [], error.message);
  }
}
