/**
 * `<data>/queue/rate_limit.json`: the service said "not before T" (429 or
 * 503 with `Retry-After`). Until then no caro process sends to it; reports
 * go straight to the queue.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { readOwnTextFile } from "../../platform/own_file.ts";
import { printableText } from "../../platform/printable_text.ts";
import { MAX_RETRY_AFTER_MS } from "../submit/post_report.ts";
import { queueDir } from "./queue_paths.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";

/** The service's last "wait until". */
export interface RateLimit {
  /** Epoch ms. */
  until: number;
  reason: string;
}

function rateLimitPath(dataDir: string): string {
  return join(queueDir(dataDir), "rate_limit.json");
}

/**
 * The rate limit in force at `now`, or `undefined`. A limit reaching past
 * 24 h from `now` (written by an older caro, or a broken clock) ends then.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { activeRateLimit, recordRateLimit } from "./rate_limit.ts";
 * const dir = await Deno.makeTempDir();
 * await recordRateLimit(dir, { until: 2000, reason: "rate limited (429)" });
 * assert((await activeRateLimit(dir, 1000))?.until === 2000);
 * assert(await activeRateLimit(dir, 3000) === undefined);
 * ```
 */
export async function activeRateLimit(
  dataDir: string,
  now: number,
): Promise<RateLimit | undefined> {
  try {
    const state = JSON.parse(await readOwnTextFile(rateLimitPath(dataDir), 64 * 1024));
    if (typeof state.until === "number" && state.until > now && typeof state.reason === "string") {
      return {
        until: Math.min(state.until, now + MAX_RETRY_AFTER_MS),
        reason: printableText(state.reason).slice(0, 300),
      };
    }
  } catch {
    // absent or unreadable: no limit known
  }
  return undefined;
}

/**
 * Records a rate limit (replacing the previous one).
 *
 * @example
 * ```ts
 * import { recordRateLimit } from "./rate_limit.ts";
 * await recordRateLimit(await Deno.makeTempDir(), { until: Date.now() + 60_000, reason: "503" });
 * ```
 */
export async function recordRateLimit(dataDir: string, limit: RateLimit): Promise<void> {
  await writeFileAtomic(
    rateLimitPath(dataDir),
    new TextEncoder().encode(JSON.stringify({ until: limit.until, reason: limit.reason }) + "\n"),
  );
}
