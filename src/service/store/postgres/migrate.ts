/**
 * Versioned schema migrations for the PostgreSQL store, applied at start.
 * Each migration runs once, in version order, inside one transaction holding
 * an advisory lock, so several service processes starting together on one
 * database apply it exactly once and wait for each other.
 *
 * @module
 */
import type postgres from "postgres";

/** One schema step. Versions only grow; a shipped migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  /** One or more SQL statements. */
  sql: string;
}

const LOCK_KEY = 0x63_61_72_6f; // "caro"

/**
 * Applies the migrations not yet recorded in `caro_schema_migrations`.
 * Returns the versions applied by this call.
 *
 * @example
 * ```ts ignore
 * const applied = await applyMigrations(sql, [{ version: 1, name: "init", sql: "create table t (x int)" }]);
 * ```
 */
export async function applyMigrations(
  sql: postgres.Sql,
  migrations: readonly Migration[],
  nowMs: number,
): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const applied: number[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx.unsafe(`create table if not exists caro_schema_migrations (
      version integer primary key, name text not null, applied_at bigint not null)`);
    const done = new Set(
      (await tx<{ version: number }[]>`select version from caro_schema_migrations`).map((r) =>
        r.version
      ),
    );
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      await tx.unsafe(migration.sql);
      await tx`insert into caro_schema_migrations (version, name, applied_at)
               values (${migration.version}, ${migration.name}, ${nowMs})`;
      applied.push(migration.version);
    }
  });
  return applied;
}
