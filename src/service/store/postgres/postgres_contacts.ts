/**
 * The contact port on PostgreSQL.
 *
 * @module
 */
import type postgres from "postgres";
import type { Contact, ContactPort } from "../contact_port.ts";

/**
 * The contact port over a pool.
 *
 * @example
 * ```ts ignore
 * const contact = await postgresContacts(sql).contactFor(reportId);
 * ```
 */
export function postgresContacts(sql: postgres.Sql): ContactPort {
  return {
    async contactFor(reportId) {
      const [row] = await sql<Contact[]>`
        select method, value from contacts where report_id = ${reportId}`;
      return row;
    },
    async deleteContact(reportId) {
      await sql`delete from contacts where report_id = ${reportId}`;
    },
  };
}
