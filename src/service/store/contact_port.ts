/**
 * The contact port: the way back a reporter left with one report, kept until
 * its notice is delivered.
 *
 * @module
 */

/** A contact left with a report. */
export interface Contact {
  method: string;
  value: string;
}

/** The contact operations. */
export interface ContactPort {
  /** The contact left with a report, if any. */
  contactFor(reportId: string): Promise<Contact | undefined>;
  /** Deletes the contact of a report (after its notice was delivered). */
  deleteContact(reportId: string): Promise<void>;
}
