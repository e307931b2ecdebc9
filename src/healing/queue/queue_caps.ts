/**
 * The queue's limits, as a pure rule: reports older than the age cap go
 * first, then the oldest until the count cap holds. Each drop says why.
 *
 * @module
 */
import type { DroppedReport } from "./dropped_log.ts";

/** How much the queue may hold. */
export interface QueueCaps {
  maxEntries: number;
  maxAgeMs: number;
}

/** 100 reports, 30 days. */
export const DEFAULT_QUEUE_CAPS: QueueCaps = {
  maxEntries: 100,
  maxAgeMs: 30 * 24 * 60 * 60 * 1000,
};

/**
 * The entries to drop so the queue fits `caps`, oldest first, with reasons.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { overCaps } from "./queue_caps.ts";
 * const drops = overCaps(
 *   [{ reportId: "a", queuedAt: 1 }, { reportId: "b", queuedAt: 2 }],
 *   10,
 *   { maxEntries: 1, maxAgeMs: 1000 },
 * );
 * assert(drops.length === 1 && drops[0].reportId === "a");
 * ```
 */
export function overCaps(
  entries: readonly { reportId: string; queuedAt: number }[],
  now: number,
  caps: QueueCaps,
): DroppedReport[] {
  const byAge = [...entries].sort((a, b) => a.queuedAt - b.queuedAt);
  const drops: DroppedReport[] = [];
  const days = Math.round(caps.maxAgeMs / 86_400_000);
  for (const [index, entry] of byAge.entries()) {
    const left = byAge.length - index;
    if (now - entry.queuedAt > caps.maxAgeMs) {
      drops.push({
        reportId: entry.reportId,
        droppedAt: now,
        reason: `unsent after ${days} days (queue age limit)`,
      });
    } else if (left > caps.maxEntries) {
      drops.push({
        reportId: entry.reportId,
        droppedAt: now,
        reason: `queue full (${caps.maxEntries} reports): oldest dropped first`,
      });
    }
  }
  return drops;
}
