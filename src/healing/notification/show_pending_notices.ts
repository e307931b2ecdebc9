/**
 * The start-up notice check: reads the one notices file, and when there is
 * news and stderr is a terminal (and the run is not `--json`), marks those
 * notices shown (so a second caro starting at the same moment does not show
 * them again), draws the box on stderr and deletes the contacts kept for
 * their cases (a contact is only kept until its case's notice is seen).
 *
 * @module
 */
import type { TextSink } from "../../platform/text_sink.ts";
import { renderNoticeBox } from "./notice_box.ts";
import { pendingNotices, readNoticeFile, updateNoticeFile } from "./notice_store.ts";

/** What {@link showPendingNotices} needs. */
export interface ShowNoticesOptions {
  dataDir: string;
  stderr: TextSink;
  /** `--json` run: never a box. */
  json: boolean;
  now: number;
}

/**
 * Shows pending notices in a box; returns how many were shown.
 *
 * @example Nothing is drawn without a terminal
 * ```ts
 * import assert from "node:assert/strict";
 * import { showPendingNotices } from "./show_pending_notices.ts";
 * const shown = await showPendingNotices({ dataDir: await Deno.makeTempDir(),
 *   stderr: { isTerminal: false, write() {} }, json: false, now: Date.now() });
 * assert(shown === 0);
 * ```
 */
export async function showPendingNotices(options: ShowNoticesOptions): Promise<number> {
  const { dataDir, stderr, now } = options;
  if (options.json || !stderr.isTerminal) return 0;
  const pending = pendingNotices(await readNoticeFile(dataDir), now);
  if (pending.length === 0) return 0;
  // Marked first, under the lock: of two caro starting at once, one shows each notice.
  const claimed = new Set(
    (await markNoticesSeen(dataDir, pending.map((n) => n.id), now, "shown")).map((c) => c.id),
  );
  const shown = pending.filter((n) => claimed.has(n.id));
  if (shown.length > 0) stderr.write(renderNoticeBox(shown));
  return shown.length;
}

/**
 * Marks notices shown or dismissed, then deletes the local contacts of
 * their cases. Returns the notices that changed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markNoticesSeen } from "./show_pending_notices.ts";
 * const changed = await markNoticesSeen(await Deno.makeTempDir(), ["n1"], Date.now(), "dismissed");
 * assert(changed.length === 0);
 * ```
 */
export async function markNoticesSeen(
  dataDir: string,
  ids: readonly string[] | "all",
  now: number,
  how: "shown" | "dismissed",
): Promise<{ id: string; caseId: string }[]> {
  const changed: { id: string; caseId: string }[] = [];
  await updateNoticeFile(dataDir, now, (file) => ({
    ...file,
    notices: file.notices.map((n) => {
      if (ids !== "all" && !ids.includes(n.id)) return n;
      if (how === "shown" && n.shownAt !== undefined) return n;
      if (how === "dismissed" && n.dismissedAt !== undefined) return n;
      changed.push({ id: n.id, caseId: n.caseId });
      return how === "shown"
        ? { ...n, shownAt: now }
        : { ...n, dismissedAt: now, shownAt: n.shownAt ?? now };
    }),
  }));
  if (changed.length > 0) {
    // Loaded only when something changed: the common start-up check stays light.
    const { deleteContactsForCase } = await import("../contact/contact_store.ts");
    for (const caseId of new Set(changed.map((c) => c.caseId))) {
      await deleteContactsForCase(dataDir, caseId);
    }
  }
  return changed;
}
