/**
 * Asks the service for news on this install's cases (`GET
 * /v1/notifications?since=<cursor>`, signed) and stores what is new in the
 * notices file; the cases file gets each case's latest status. Sending the
 * cursor back acknowledges the notices up to it. The answer is read up to
 * 1 MB ({@link MAX_NOTICES_BYTES}); a bigger one is refused unread and
 * nothing of it is stored.
 *
 * @module
 */
import type { InstallKey } from "../../protocol/signed_request.ts";
import { updateCaseRecords } from "../cases/case_records.ts";
import { signedFetch } from "../submit/signed_fetch.ts";
import { MAX_NOTICES_BYTES, type Notice, readNotice, updateNoticeFile } from "./notice_store.ts";

/** What {@link refreshNotices} needs. */
export interface RefreshOptions {
  dataDir: string;
  endpoint: string;
  installKey: InstallKey;
  now: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** Something went wrong asking; nothing was stored but the check time. */
export class RefreshFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefreshFailed";
  }
}

/**
 * Fetches and stores new notices; returns the ones that were new. Records
 * the check time even when the request fails (so an offline machine asks
 * once a day, not at every start) and then throws {@link RefreshFailed}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { refreshNotices } from "./refresh_notices.ts";
 * import { generateInstallKey } from "../../protocol/signed_request.ts";
 * const installKey = await generateInstallKey();
 * await using server = Deno.serve({ port: 0, onListen() {} }, () =>
 *   Response.json({ notifications: [{ id: "1", case_id: "CARO-2026-0001", status: "resolved",
 *     fixed_in: "1.4.2", message: "fixed", created_at: new Date().toISOString() }], cursor: "1" }));
 * const added = await refreshNotices({ dataDir: await Deno.makeTempDir(),
 *   endpoint: `http://127.0.0.1:${server.addr.port}`, installKey, now: Date.now });
 * assert(added.length === 1);
 * ```
 */
export async function refreshNotices(options: RefreshOptions): Promise<Notice[]> {
  const { dataDir, now } = options;
  let cursor: string | undefined;
  await updateNoticeFile(dataDir, now(), (file) => {
    cursor = file.cursor;
    return { ...file, lastCheckedAt: now() };
  });
  const answer = await signedFetch({
    endpoint: options.endpoint,
    method: "GET",
    path: `/v1/notifications?since=${encodeURIComponent(cursor ?? "0")}`,
    installKey: options.installKey,
    nowMs: now(),
    timeoutMs: options.timeoutMs ?? 10_000,
    signal: options.signal,
    fetch: options.fetch,
    maxAnswerBytes: MAX_NOTICES_BYTES,
  }).catch((error) => {
    throw new RefreshFailed((error as Error).message);
  });
  if (answer.status !== 200) {
    throw new RefreshFailed(`the service answered HTTP ${answer.status} to a notices check`);
  }
  let json: { notifications?: unknown; cursor?: unknown };
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new RefreshFailed("the service's notices answer is not JSON");
  }
  const fetched = (Array.isArray(json.notifications) ? json.notifications : [])
    .flatMap((raw) => readNotice(raw) ?? []);
  let added: Notice[] = [];
  await updateNoticeFile(dataDir, now(), (file) => {
    const known = new Set(file.notices.map((n) => n.id));
    added = fetched.filter((n) => !known.has(n.id));
    return {
      ...file,
      ...(typeof json.cursor === "string" && json.cursor.length <= 128
        ? { cursor: json.cursor }
        : {}),
      notices: [...file.notices, ...added],
    };
  });
  if (fetched.length > 0) {
    const latest = new Map(fetched.map((n) => [n.caseId, n]));
    await updateCaseRecords(dataDir, (records) =>
      records.map((r) => {
        const news = latest.get(r.caseId);
        return news
          ? { ...r, status: news.status, ...(news.fixedIn ? { fixedIn: news.fixedIn } : {}) }
          : r;
      }));
  }
  return added;
}
