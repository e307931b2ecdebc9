/**
 * The `email.notice` outbox job: send the case notice to the contact a
 * reporter left, then delete that contact. A failed send throws (the outbox
 * retries) and keeps the contact; a contact already gone (erased, or sent by
 * an earlier attempt) makes the job a no-op.
 *
 * @module
 */
import type { CasePort } from "../store/case_port.ts";
import type { ContactPort } from "../store/contact_port.ts";
import type { EmailSender } from "./smtp_notifier.ts";

/** The job's payload. */
export interface EmailNoticeJob {
  kind: "email.notice";
  reportId: string;
  caseId: string;
}

/** What the job reads and deletes. */
export type EmailContactStore = ContactPort & Pick<CasePort, "caseFacts">;

/**
 * Runs one e-mail job; returns whether a message was sent.
 *
 * @example
 * ```ts ignore
 * await runEmailJob({ kind: "email.notice", reportId, caseId }, store, sender, "https://heal.caro.example");
 * ```
 */
export async function runEmailJob(
  job: EmailNoticeJob,
  store: EmailContactStore,
  sender: EmailSender,
  publicUrl: string,
): Promise<boolean> {
  const contact = await store.contactFor(job.reportId);
  if (!contact) return false;
  if (contact.method !== "email") return false; // other methods are not e-mailed
  const facts = await store.caseFacts(job.caseId);
  if (!facts) return false;
  await sender.send(contact.value, {
    caseId: facts.id,
    status: facts.status,
    fixedIn: facts.fixedIn,
    summary: `${facts.failureType} at ${facts.stage}: ${facts.title}`,
    caseUrl: `${publicUrl.replace(/\/$/, "")}/cases/${facts.id}`,
  });
  await store.deleteContact(job.reportId);
  return true;
}
