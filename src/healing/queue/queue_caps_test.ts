import { deepEqual } from "node:assert/strict";
import { overCaps } from "./queue_caps.ts";
import { enqueueReport } from "./enqueue_report.ts";
import { scanQueue } from "./scan_queue.ts";
import { readDropped } from "./dropped_log.ts";

const DAY = 86_400_000;

Deno.test("caps drop the too-old first, then the oldest beyond the count, each with a reason", () => {
  const entries = [
    { reportId: "c", queuedAt: 40 * DAY },
    { reportId: "a", queuedAt: 1 * DAY },
    { reportId: "b", queuedAt: 35 * DAY },
    { reportId: "d", queuedAt: 41 * DAY },
  ];
  deepEqual(overCaps(entries, 42 * DAY, { maxEntries: 2, maxAgeMs: 30 * DAY }), [
    { reportId: "a", droppedAt: 42 * DAY, reason: "unsent after 30 days (queue age limit)" },
    {
      reportId: "b",
      droppedAt: 42 * DAY,
      reason: "queue full (2 reports): oldest dropped first",
    },
  ]);
});

Deno.test("enqueueing past the count cap drops the oldest and records why", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const caps = { maxEntries: 2, maxAgeMs: 30 * DAY };
    for (const [i, id] of ["r1", "r2", "r3"].entries()) {
      const body = new TextEncoder().encode(`{"n":${i}}`);
      await enqueueReport(
        dir,
        { reportId: id, queuedAt: 1000 + i, attempts: 1, nextRetryAt: 0, body },
        2000,
        caps,
      );
    }
    deepEqual((await scanQueue(dir, 2000)).entries.map((e) => e.reportId), ["r2", "r3"]);
    deepEqual((await readDropped(dir)).map((d) => [d.reportId, d.reason]), [
      ["r1", "queue full (2 reports): oldest dropped first"],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("queue files are written with mode 0600", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const body = new TextEncoder().encode("{}");
    await enqueueReport(dir, { reportId: "r1", queuedAt: 1, attempts: 0, nextRetryAt: 0, body }, 1);
    const mode = (await Deno.stat(`${dir}/queue/r1.report`)).mode;
    deepEqual(mode === null ? null : mode & 0o777, Deno.build.os === "windows" ? null : 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
