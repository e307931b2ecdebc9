/**
 * Case ids `CARO-<year>-<seq>` on PostgreSQL: a per-year counter row bumped
 * with `INSERT … ON CONFLICT DO UPDATE … RETURNING`, inside the caller's
 * transaction. The row lock serialises concurrent allocators and a rolled
 * back transaction gives its number back, so ids have no gaps and no
 * duplicates across processes.
 *
 * @module
 */
import type postgres from "postgres";

/**
 * Formats a case id (at least three digits, growing as needed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCaseId } from "./case_ids.ts";
 * assert(formatCaseId(2026, 7) === "CARO-2026-007");
 * assert(formatCaseId(2026, 1234) === "CARO-2026-1234");
 * ```
 */
export function formatCaseId(year: number, seq: number): string {
  return `CARO-${year}-${String(seq).padStart(3, "0")}`;
}

/**
 * Allocates the next case id of `year` within transaction `tx`.
 *
 * @example
 * ```ts ignore
 * const id = await sql.begin((tx) => allocateCaseId(tx, 2026));
 * ```
 */
export async function allocateCaseId(tx: postgres.TransactionSql, year: number): Promise<string> {
  const [row] = await tx<{ seq: number }[]>`
    insert into case_counters (year, seq) values (${year}, 1)
    on conflict (year) do update set seq = case_counters.seq + 1
    returning seq`;
  return formatCaseId(year, row.seq);
}
