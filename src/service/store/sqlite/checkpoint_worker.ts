/// <reference lib="deno.worker" />
/**
 * A worker thread that checkpoints the SQLite WAL of one database file on its
 * own connection, so the checkpoint's fsync never blocks the service's event
 * loop. Started by `openSqliteStore` (`sqlite_db.ts`); message `{path, intervalMs}`
 * starts it, `"stop"` ends it after a last pass.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

let db: DatabaseSync | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

function checkpoint(): void {
  try {
    db?.exec("pragma wal_checkpoint(passive)");
  } catch {
    // Busy or closed: the next pass (or the writer's fallback autocheckpoint) catches up.
  }
}

self.onmessage = (event: MessageEvent<{ path: string; intervalMs: number } | "stop">) => {
  if (event.data === "stop") {
    if (timer !== undefined) clearInterval(timer);
    checkpoint();
    db?.close();
    self.postMessage("stopped");
    self.close();
    return;
  }
  db = new DatabaseSync(event.data.path);
  db.exec("pragma busy_timeout = 1000");
  timer = setInterval(checkpoint, event.data.intervalMs);
};
