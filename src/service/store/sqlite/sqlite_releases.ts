/**
 * The release port on SQLite.
 *
 * @module
 */
import type { ReleasePort } from "../release_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * The release port over a database.
 *
 * @example A release is new once
 * ```ts
 * import assert from "node:assert/strict";
 * import { SqliteDb } from "./sqlite_db.ts";
 * import { sqliteReleases } from "./sqlite_releases.ts";
 * const db = SqliteDb.open(":memory:");
 * const releases = sqliteReleases(db);
 * assert.equal(await releases.recordRelease("1.3.0", "v1.3.0", 1), true);
 * assert.equal(await releases.recordRelease("1.3.0", "v1.3.0", 2), false);
 * await db.close();
 * ```
 */
export function sqliteReleases(db: SqliteDb): ReleasePort {
  return {
    recordRelease: (version, tag, now) =>
      db.tx(() =>
        db.run(
          `insert into releases (version, tag, published_at) values (?, ?, ?)
           on conflict do nothing`,
          version,
          tag,
          now,
        ) === 1
      ),
  };
}
