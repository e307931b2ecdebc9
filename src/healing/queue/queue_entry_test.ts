import { deepEqual, rejects } from "node:assert/strict";
import { CorruptQueueFile, decodeQueueEntry, encodeQueueEntry } from "./queue_entry.ts";

const body = new TextEncoder().encode('{"schema_version":1,"request":"ls ü"}');
const entry = {
  reportId: "0b9f8e7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
  queuedAt: 1,
  attempts: 2,
  nextRetryAt: 3,
  lastError: "HTTP 500",
  body,
};

Deno.test("a queue entry round-trips with its exact body bytes", async () => {
  const back = await decodeQueueEntry(await encodeQueueEntry(entry));
  deepEqual(back, entry);
});

Deno.test("truncated, altered or foreign queue files are refused with the reason", async () => {
  const bytes = await encodeQueueEntry(entry);
  const altered = bytes.slice();
  altered[altered.length - 2] ^= 1;
  const cases: [Uint8Array, string][] = [
    [bytes.subarray(0, 20), "no header line (truncated?)"],
    [
      bytes.subarray(0, -5),
      `body is ${body.length - 5} bytes, header says ${body.length} (truncated?)`,
    ],
    [altered, "body does not match its SHA-256"],
    [new TextEncoder().encode("{not json\n{}"), "header is not JSON"],
    [new TextEncoder().encode('{"v":9}\n'), "unknown format version 9"],
    [new TextEncoder().encode("null\n{}"), "header is not a JSON object"],
    [new TextEncoder().encode("[1]\n{}"), "header is not a JSON object"],
  ];
  for (const [input, reason] of cases) {
    await rejects(decodeQueueEntry(input), new CorruptQueueFile(reason));
  }
});
