/**
 * The release port on PostgreSQL.
 *
 * @module
 */
import type postgres from "postgres";
import type { ReleasePort } from "../release_port.ts";

/**
 * The release port over a pool.
 *
 * @example
 * ```ts ignore
 * const isNew = await postgresReleases(sql).recordRelease("1.3.0", "v1.3.0", Date.now());
 * ```
 */
export function postgresReleases(sql: postgres.Sql): ReleasePort {
  return {
    async recordRelease(version, tag, now) {
      const result = await sql`insert into releases (version, tag, published_at)
                               values (${version}, ${tag}, ${now}) on conflict do nothing`;
      return result.count === 1;
    },
  };
}
