/**
 * The secret port on SQLite (`service_secrets`; the first insert wins).
 *
 * @module
 */
import type { SecretPort } from "../secret_port.ts";
import type { SqliteDb } from "./sqlite_db.ts";

/**
 * The secret port over a database.
 *
 * @example A second call keeps the first value
 * ```ts
 * import assert from "node:assert/strict";
 * import { openStore } from "../open_store.ts";
 * const store = await openStore(":memory:");
 * const a = await store.sharedSecret("k", "one");
 * assert.equal(await store.sharedSecret("k", "two"), "one");
 * assert.equal(a, "one");
 * await store.close();
 * ```
 */
export function sqliteSecrets(db: SqliteDb): SecretPort {
  return {
    sharedSecret: (name, generated) =>
      db.tx(() => {
        db.run(
          "insert into service_secrets (name, value) values (?, ?) on conflict (name) do nothing",
          name,
          generated,
        );
        return db.get<{ value: string }>("select value from service_secrets where name = ?", name)!
          .value;
      }),
  };
}
