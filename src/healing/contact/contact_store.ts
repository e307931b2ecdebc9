/**
 * Contacts are kept apart from reports: one small file per report in
 * `<data>/contacts/`, mode 0600, holding only the contact and the ids it
 * belongs to. They are deleted once the case's notice has been shown
 * ({@link deleteContactsForCase}) or when the user forgets the case.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { writeFileAtomic } from "../../platform/write_atomic.ts";
import type { Contact } from "./parse_contact.ts";

/** Directory inside the data dir that holds the contact files. */
export const CONTACTS_DIR = "contacts";

/** One stored contact. */
export interface StoredContact extends Contact {
  report_id: string;
  /** Known once the service answered with a case. */
  case_id?: string;
}

const REPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

function contactPath(dataDir: string, reportId: string): string {
  if (!REPORT_ID.test(reportId)) throw new TypeError(`not a report id: ${reportId}`);
  return join(dataDir, CONTACTS_DIR, `${reportId}.json`);
}

/**
 * Stores (or replaces) the contact given with one report, atomically.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readContacts, saveContact } from "./contact_store.ts";
 * const dir = await Deno.makeTempDir();
 * await saveContact(dir, { report_id: "r1", method: "github", value: "ada" });
 * assert((await readContacts(dir))[0].value === "ada");
 * ```
 */
export async function saveContact(dataDir: string, contact: StoredContact): Promise<void> {
  const path = contactPath(dataDir, contact.report_id);
  await writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(contact) + "\n"));
}

/**
 * Every stored contact that can be read (unreadable files are skipped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readContacts } from "./contact_store.ts";
 * assert((await readContacts(await Deno.makeTempDir())).length === 0);
 * ```
 */
export async function readContacts(dataDir: string): Promise<StoredContact[]> {
  const contacts: StoredContact[] = [];
  try {
    for await (const entry of Deno.readDir(join(dataDir, CONTACTS_DIR))) {
      if (!entry.isFile || !entry.name.endsWith(".json")) continue;
      try {
        const parsed = JSON.parse(await Deno.readTextFile(join(dataDir, CONTACTS_DIR, entry.name)));
        if (typeof parsed?.report_id === "string") contacts.push(parsed);
      } catch {
        // A torn or foreign file: not a contact caro can use.
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return contacts;
}

/**
 * Records the case a report's contact belongs to, once the service named it.
 * No-op when that report has no contact.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linkContactToCase, readContacts, saveContact } from "./contact_store.ts";
 * const dir = await Deno.makeTempDir();
 * await saveContact(dir, { report_id: "r1", method: "email", value: "a@b.org" });
 * await linkContactToCase(dir, "r1", "CARO-2026-0001");
 * assert((await readContacts(dir))[0].case_id === "CARO-2026-0001");
 * ```
 */
export async function linkContactToCase(
  dataDir: string,
  reportId: string,
  caseId: string,
): Promise<void> {
  const existing = (await readContacts(dataDir)).find((c) => c.report_id === reportId);
  if (existing) await saveContact(dataDir, { ...existing, case_id: caseId });
}

/**
 * Deletes every local contact of a case (after its notice was shown, or on
 * `caro forget`), and those of `reportIds` whose case was never recorded.
 * Returns how many were deleted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deleteContactsForCase, saveContact } from "./contact_store.ts";
 * const dir = await Deno.makeTempDir();
 * await saveContact(dir, { report_id: "r1", case_id: "CARO-2026-0001", method: "email", value: "a@b.org" });
 * assert(await deleteContactsForCase(dir, "CARO-2026-0001") === 1);
 * ```
 */
export async function deleteContactsForCase(
  dataDir: string,
  caseId: string,
  reportIds: readonly string[] = [],
): Promise<number> {
  let deleted = 0;
  for (const contact of await readContacts(dataDir)) {
    if (contact.case_id !== caseId && !reportIds.includes(contact.report_id)) continue;
    try {
      await Deno.remove(contactPath(dataDir, contact.report_id));
      deleted++;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return deleted;
}

/**
 * Deletes the contacts kept for reports that will never be sent (dropped
 * from the queue, refused, cleared by hand): no case will ever be fixed for
 * them, so nothing would delete them later. Ids that are not report ids are
 * skipped. Returns how many were deleted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deleteContactsOfReports, saveContact } from "./contact_store.ts";
 * const dir = await Deno.makeTempDir();
 * const id = crypto.randomUUID();
 * await saveContact(dir, { report_id: id, method: "email", value: "a@b.org" });
 * assert.equal(await deleteContactsOfReports(dir, [id, "../elsewhere"]), 1);
 * ```
 */
export async function deleteContactsOfReports(
  dataDir: string,
  reportIds: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (const reportId of reportIds) {
    if (!REPORT_ID.test(reportId)) continue;
    try {
      await Deno.remove(contactPath(dataDir, reportId));
      deleted++;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return deleted;
}
