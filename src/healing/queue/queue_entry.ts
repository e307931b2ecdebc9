/**
 * One queued report as a file: a first line of JSON metadata, then the exact
 * report bytes that will be sent (and that were shown at consent). The
 * metadata names the body's length and SHA-256, so a truncated or altered
 * file is detected instead of being sent.
 *
 * ```text
 * {"v":1,"report_id":"r_…","queued_at":…,"attempts":2,"failed_runs":1,"next_retry_at":…,"last_error":"…","body_bytes":812,"body_sha256":"…"}
 * {"schema_version":1,…the report…}
 * ```
 *
 * @module
 */
import { sha256Hex } from "../../platform/hex.ts";
import { printableText } from "../../platform/printable_text.ts";

/** A report waiting in the queue. */
export interface QueueEntry {
  reportId: string;
  /** When it was first queued, epoch ms. */
  queuedAt: number;
  /** Send attempts so far (over all runs). */
  attempts: number;
  /** Runs (deliveries, flushes) that ended without delivering it; drives the backoff between runs. */
  failedRuns?: number;
  /** Not before this time (epoch ms), unless flushed by hand. */
  nextRetryAt: number;
  /** Why the last attempt failed. */
  lastError?: string;
  /** The exact bytes to POST. */
  body: Uint8Array;
}

/** A queue file that cannot be trusted, with the reason in words. */
export class CorruptQueueFile extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "CorruptQueueFile";
  }
}

const FORMAT_VERSION = 1;
/** Report ids are used as file names: keep them to a safe alphabet. */
const REPORT_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Whether `id` can be a report id (and so a queue file name).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSafeReportId } from "./queue_entry.ts";
 * assert(isSafeReportId("r_01HZX") && !isSafeReportId("../etc"));
 * ```
 */
export function isSafeReportId(id: string): boolean {
  return REPORT_ID.test(id);
}

/**
 * Serialises an entry to its file bytes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeQueueEntry, encodeQueueEntry } from "./queue_entry.ts";
 * const body = new TextEncoder().encode('{"a":1}');
 * const entry = { reportId: "r1", queuedAt: 1, attempts: 0, nextRetryAt: 1, body };
 * const back = await decodeQueueEntry(await encodeQueueEntry(entry));
 * assert(back.reportId === "r1" && back.body.length === body.length);
 * ```
 */
export async function encodeQueueEntry(entry: QueueEntry): Promise<Uint8Array> {
  const head = new TextEncoder().encode(
    JSON.stringify({
      v: FORMAT_VERSION,
      report_id: entry.reportId,
      queued_at: entry.queuedAt,
      attempts: entry.attempts,
      failed_runs: entry.failedRuns,
      next_retry_at: entry.nextRetryAt,
      last_error: entry.lastError,
      body_bytes: entry.body.length,
      body_sha256: await sha256Hex(entry.body),
    }) + "\n",
  );
  const bytes = new Uint8Array(head.length + entry.body.length);
  bytes.set(head);
  bytes.set(entry.body, head.length);
  return bytes;
}

/**
 * Parses a queue file; throws {@link CorruptQueueFile} naming what is wrong
 * (no header, bad header, truncated body, hash mismatch).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CorruptQueueFile, decodeQueueEntry } from "./queue_entry.ts";
 * const err = await decodeQueueEntry(new TextEncoder().encode('{"v":1')).catch((e) => e);
 * assert(err instanceof CorruptQueueFile);
 * ```
 */
export async function decodeQueueEntry(bytes: Uint8Array): Promise<QueueEntry> {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new CorruptQueueFile("no header line (truncated?)");
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, newline)));
  } catch {
    throw new CorruptQueueFile("header is not JSON");
  }
  if (typeof head !== "object" || head === null || Array.isArray(head)) {
    throw new CorruptQueueFile("header is not a JSON object");
  }
  const body = bytes.slice(newline + 1);
  const number = (key: string) => {
    const value = head[key];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new CorruptQueueFile(`header field ${key} is missing or not a number`);
    }
    return value;
  };
  if (head.v !== FORMAT_VERSION) throw new CorruptQueueFile(`unknown format version ${head.v}`);
  const reportId = head.report_id;
  if (typeof reportId !== "string" || !isSafeReportId(reportId)) {
    throw new CorruptQueueFile("header has no valid report_id");
  }
  if (body.length !== number("body_bytes")) {
    throw new CorruptQueueFile(
      `body is ${body.length} bytes, header says ${head.body_bytes} (truncated?)`,
    );
  }
  if (await sha256Hex(body) !== head.body_sha256) {
    throw new CorruptQueueFile("body does not match its SHA-256");
  }
  return {
    reportId,
    queuedAt: number("queued_at"),
    attempts: number("attempts"),
    ...(typeof head.failed_runs === "number" ? { failedRuns: head.failed_runs } : {}),
    nextRetryAt: number("next_retry_at"),
    lastError: typeof head.last_error === "string" ? printableText(head.last_error) : undefined,
    body,
  };
}
