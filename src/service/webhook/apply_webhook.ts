/**
 * What a verified GitHub webhook changes in the core. The loop plug-in reads
 * the event's meaning (`webhook_events.ts`: only events about the configured
 * repository mean anything) and does its part (a merged fix records the
 * commit on the cases it names; a published release queues the compare-API
 * confirmation job). The core adds, for cases the service itself filed:
 *
 * - issue closed as completed → the case linked to that issue number is
 *   `fix_pending` (fixed on the default branch, not released);
 * - issue reopened → the linked case's pending fix is undone;
 * - release published → the release is remembered (a regression needs a
 *   known release), and every pending case without a recorded commit is
 *   resolved with its version: one notification per report on it (and an
 *   e-mail job per contact).
 *
 * Each effect depends on the state, not on how often it is applied: applying
 * the same event twice changes nothing more.
 *
 * @module
 */
import type { LoopExtension } from "../loop_extension.ts";
import { resolveCase } from "../cases/resolve_case.ts";
import type { HealingStore } from "../store/healing_store.ts";

/** What applying a webhook did. */
export interface WebhookEffect {
  kind: string;
  /** Cases whose state changed. */
  caseIds: string[];
}

/** What {@link applyWebhook} needs. */
export interface WebhookDeps {
  store: HealingStore;
  loop: LoopExtension;
  now: () => number;
}

/**
 * Applies one verified, first-seen webhook.
 *
 * @example
 * ```ts ignore
 * const effect = await applyWebhook("release", payload, { store, loop, now: Date.now });
 * ```
 */
export async function applyWebhook(
  event: string,
  payload: unknown,
  deps: WebhookDeps,
): Promise<WebhookEffect> {
  const { store, loop } = deps;
  const pendingBefore = new Set((await store.casesPendingRelease()).map((c) => c.caseId));
  const meaning = await loop.onWebhook(event, payload);
  const changed: string[] = [];
  if (meaning.kind === "issue_completed" || meaning.kind === "issue_reopened") {
    const caseId = await store.caseIdForIssue(meaning.issueNumber);
    const moved = caseId !== undefined &&
      (meaning.kind === "issue_completed"
        ? await store.markFixPending(caseId)
        : await store.reopenFix(caseId));
    if (moved) changed.push(caseId);
  } else if (meaning.kind === "fix_merged") {
    for (const c of await store.casesPendingRelease()) {
      if (!pendingBefore.has(c.caseId)) changed.push(c.caseId);
    }
  } else if (meaning.kind === "release_published") {
    await store.recordRelease(meaning.version, meaning.tag, deps.now());
    for (const c of await store.casesPendingRelease()) {
      if (c.fixSha && loop.enabled.github) continue; // the release job confirms it on GitHub
      if (await resolveCase(store, c.caseId, meaning.version, deps.now())) changed.push(c.caseId);
    }
  }
  return { kind: meaning.kind, caseIds: changed };
}
