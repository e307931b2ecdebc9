/**
 * The PostgreSQL connection pool every PostgreSQL port shares, opened with
 * the schema migrated (`migrate.ts`, `ddl.ts`). Ports run their SQL on the
 * pool or, when one operation spans ports, on the caller's transaction.
 *
 * @module
 */
import postgres from "postgres";
import { CaroError } from "../../../errors.ts";
import { MIGRATIONS } from "./ddl.ts";
import { applyMigrations } from "./migrate.ts";

/** The pool, or a transaction on it. */
export type PgSql = postgres.Sql | postgres.TransactionSql;

/**
 * Whether `text` can be a report id: the column is a UUID (another spelling
 * is no stored report, and cannot be compared with one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isUuid } from "./postgres_sql.ts";
 * assert.equal(isUuid("6F1C1A55-3B5E-4A8E-9A57-2D7B0C0F3E11"), true);
 * assert.equal(isUuid("report-1"), false);
 * ```
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options for {@link openPostgres}. */
export interface PostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /** The clock the migrations record. */
  now?: () => number;
}

/**
 * Connects and applies pending migrations.
 *
 * @example
 * ```ts ignore
 * const sql = await openPostgres("postgres://caro@127.0.0.1:5432/caro");
 * ```
 */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<postgres.Sql> {
  const sql = postgres(url, {
    // Matched to the cores: more connections than twice the CPUs only queue in PostgreSQL.
    max: options.max ?? Math.max(4, 2 * navigator.hardwareConcurrency),
    connect_timeout: 10,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    transform: { undefined: null },
  });
  try {
    await applyMigrations(sql, MIGRATIONS, (options.now ?? Date.now)());
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw new CaroError(
      `Cannot open PostgreSQL store "${redactUrl(url)}": ${(error as Error).message}`,
      { cause: error },
    );
  }
  return sql;
}

/**
 * The URL without its password, for error messages and logs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactUrl } from "./postgres_sql.ts";
 * assert.equal(redactUrl("postgres://caro:secret@db:5432/caro"), "postgres://caro:***@db:5432/caro");
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
