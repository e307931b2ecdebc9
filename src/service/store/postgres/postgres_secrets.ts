/**
 * The secret port on PostgreSQL (`service_secrets`; the first insert wins).
 *
 * @module
 */
import type postgres from "postgres";
import type { SecretPort } from "../secret_port.ts";

/**
 * The secret port over a pool.
 *
 * @example A second call keeps the first value
 * ```ts ignore
 * const secrets = postgresSecrets(sql);
 * const a = await secrets.sharedSecret("k", "one");
 * assert.equal(await secrets.sharedSecret("k", "two"), a);
 * ```
 */
export function postgresSecrets(sql: postgres.Sql): SecretPort {
  return {
    async sharedSecret(name, generated) {
      await sql`insert into service_secrets (name, value) values (${name}, ${generated})
                on conflict (name) do nothing`;
      const [row] = await sql<{ value: string }[]>`
        select value from service_secrets where name = ${name}`;
      return row.value;
    },
  };
}
