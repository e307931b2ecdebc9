/**
 * `<data>/notices.json`: the ONE small local file start-up reads for
 * notices about this install's cases ("CARO-2026-0042 is fixed in 1.4.2").
 * It also holds the service cursor and when the service was last asked.
 * Changes are made under a lock and written atomically (0600).
 *
 * ```json
 * {"version":1,"cursor":"17","last_checked_at":1764500000000,
 *  "notices":[{"id":"n_1","case_id":"CARO-2026-0042","status":"resolved","fixed_in":"1.4.2",
 *              "message":"fixed in 1.4.2, upgrade","created_at":1764400000000,
 *              "shown_at":null,"dismissed_at":null}]}
 * ```
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { withFileLock } from "../queue/file_lock.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import { readOwnTextFile } from "../../platform/own_file.ts";
import { printableText } from "../../platform/printable_text.ts";

/**
 * The notices file is read at every start: one bigger than this (1 MiB, the
 * cap on the service's notifications answer too) is not read at all.
 */
export const MAX_NOTICES_BYTES = 1024 * 1024;
/** Notices kept (the newest): with their capped strings, well under {@link MAX_NOTICES_BYTES}. */
const MAX_NOTICES = 200;

/** One notice about a case. */
export interface Notice {
  /** The notice's id (what `caro notifications --dismiss` takes). */
  id: string;
  /** The case it is about, e.g. `CARO-2026-0042`. */
  caseId: string;
  /** The case's status when the notice was made (`fixed`, `released`, …). */
  status: string;
  /** The caro version with the fix, when there is one. */
  fixedIn?: string;
  /** The service's message for the user. */
  message: string;
  /** When the service created it, epoch ms. */
  createdAt: number;
  /** When it was shown to the user (box or list), epoch ms. */
  shownAt?: number;
  /** When the user dismissed it, epoch ms. */
  dismissedAt?: number;
}

/** The whole notices file. */
export interface NoticeFile {
  cursor?: string;
  /** When the service was last asked (successfully or not), epoch ms. */
  lastCheckedAt?: number;
  notices: Notice[];
}

/** Notices older than this are expired: never shown, dropped on the next write. */
export const NOTICE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The notices file of `dataDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { noticesPath } from "./notice_store.ts";
 * assert(noticesPath("/d") === "/d/notices.json");
 * ```
 */
export function noticesPath(dataDir: string): string {
  return join(dataDir, "notices.json");
}

/**
 * Reads the notices file; an absent or unreadable one reads as empty (a
 * broken notices file must never stop a command), and so does a symbolic
 * link or a file over {@link MAX_NOTICES_BYTES}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readNoticeFile } from "./notice_store.ts";
 * assert((await readNoticeFile(await Deno.makeTempDir())).notices.length === 0);
 * ```
 */
export async function readNoticeFile(dataDir: string): Promise<NoticeFile> {
  let text: string;
  try {
    text = await readOwnTextFile(noticesPath(dataDir), MAX_NOTICES_BYTES);
  } catch {
    return { notices: [] };
  }
  return parseNoticeFile(text) ?? { notices: [] };
}

/**
 * Changes the notices file under its lock; expired notices are dropped, and
 * beyond 200 the oldest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readNoticeFile, updateNoticeFile } from "./notice_store.ts";
 * const dir = await Deno.makeTempDir();
 * await updateNoticeFile(dir, Date.now(), (file) => ({ ...file, cursor: "7" }));
 * assert((await readNoticeFile(dir)).cursor === "7");
 * ```
 */
export async function updateNoticeFile(
  dataDir: string,
  now: number,
  change: (file: NoticeFile) => NoticeFile,
): Promise<NoticeFile> {
  const path = noticesPath(dataDir);
  return await withFileLock(path, async () => {
    const next = change(await readNoticeFile(dataDir));
    next.notices = next.notices.filter((n) => !isExpired(n, now)).slice(-MAX_NOTICES);
    await writeFileAtomic(path, new TextEncoder().encode(encodeNoticeFile(next)));
    return next;
  });
}

/**
 * Whether a notice is past its 30 days.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isExpired, NOTICE_TTL_MS } from "./notice_store.ts";
 * const notice = { id: "n", caseId: "c", status: "resolved", message: "m", createdAt: 0 };
 * assert(isExpired(notice, NOTICE_TTL_MS + 1) && !isExpired(notice, 1));
 * ```
 */
export function isExpired(notice: Notice, now: number): boolean {
  return now - notice.createdAt > NOTICE_TTL_MS;
}

/**
 * Notices still to be shown: not shown, not dismissed, not expired; oldest first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pendingNotices } from "./notice_store.ts";
 * const file = { notices: [{ id: "n", caseId: "c", status: "resolved", message: "m", createdAt: 5 }] };
 * assert(pendingNotices(file, 10).length === 1);
 * ```
 */
export function pendingNotices(file: NoticeFile, now: number): Notice[] {
  return file.notices.filter((n) =>
    n.shownAt === undefined && n.dismissedAt === undefined && !isExpired(n, now)
  );
}

function encodeNoticeFile(file: NoticeFile): string {
  return JSON.stringify({
    version: 1,
    cursor: file.cursor ?? null,
    last_checked_at: file.lastCheckedAt ?? null,
    notices: file.notices.map((n) => ({
      id: n.id,
      case_id: n.caseId,
      status: n.status,
      fixed_in: n.fixedIn ?? null,
      message: n.message,
      created_at: n.createdAt,
      shown_at: n.shownAt ?? null,
      dismissed_at: n.dismissedAt ?? null,
    })),
  }) + "\n";
}

function parseNoticeFile(text: string): NoticeFile | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (json?.version !== 1 || !Array.isArray(json.notices)) return undefined;
  const notices: Notice[] = [];
  for (const raw of json.notices as Record<string, unknown>[]) {
    const notice = readNotice(raw);
    if (notice) notices.push(notice);
  }
  return {
    ...(typeof json.cursor === "string" ? { cursor: json.cursor } : {}),
    ...(typeof json.last_checked_at === "number" ? { lastCheckedAt: json.last_checked_at } : {}),
    notices,
  };
}

/**
 * Reads one notice from its JSON form (the file's or the service's, whose
 * `created_at` may be an ISO date); `undefined` when it is not one. Its
 * strings came from the service: they pass `printableText` (and a length
 * cap) here, before anything can print them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readNotice } from "./notice_store.ts";
 * const n = readNotice({ id: "n1", case_id: "CARO-2026-0001", status: "resolved", message: "fixed", created_at: "2026-11-30T12:00:00Z" });
 * assert(n?.createdAt === Date.UTC(2026, 10, 30, 12));
 * ```
 */
export function readNotice(raw: Record<string, unknown>): Notice | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { id, case_id, status, message, fixed_in, shown_at, dismissed_at } = raw;
  const createdAt = typeof raw.created_at === "number"
    ? raw.created_at
    : typeof raw.created_at === "string"
    ? Date.parse(raw.created_at)
    : NaN;
  if (
    typeof id !== "string" || typeof case_id !== "string" || typeof status !== "string" ||
    typeof message !== "string" || Number.isNaN(createdAt)
  ) {
    return undefined;
  }
  return {
    id: printableText(id).slice(0, 128),
    caseId: printableText(case_id).slice(0, 64),
    status: printableText(status).slice(0, 32),
    message: printableText(message).slice(0, 2000),
    createdAt,
    ...(typeof fixed_in === "string" ? { fixedIn: printableText(fixed_in).slice(0, 64) } : {}),
    ...(typeof shown_at === "number" ? { shownAt: shown_at } : {}),
    ...(typeof dismissed_at === "number" ? { dismissedAt: dismissed_at } : {}),
  };
}
