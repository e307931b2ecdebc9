/**
 * The e-mail a reporter receives when their case changes: a subject, a plain
 * text part and an HTML part, rendered from a small view with every
 * interpolation escaped. Pure; sending is `smtp_notifier.ts`.
 *
 * @module
 */
import { html } from "hono/html";

/** What one notice e-mail says. */
export interface NoticeEmailView {
  caseId: string;
  /** e.g. `resolved`, `regression`. */
  status: string;
  /** Version the fix shipped in, when known. */
  fixedIn?: string;
  /** One sanitized line on what failed. */
  summary: string;
  caseUrl: string;
}

/** A rendered e-mail. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Renders the notice e-mail.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderNoticeEmail } from "./notice_email.ts";
 * const mail = await renderNoticeEmail({ caseId: "CARO-2026-001", status: "resolved", fixedIn: "1.3.0",
 *   summary: "blocked <cleanup>", caseUrl: "https://caro.example/cases/CARO-2026-001" });
 * assert(mail.subject === "CARO-2026-001 is fixed in caro 1.3.0");
 * assert(mail.html.includes("&lt;cleanup&gt;"));
 * ```
 */
export async function renderNoticeEmail(view: NoticeEmailView): Promise<RenderedEmail> {
  const headline = view.fixedIn
    ? `${view.caseId} is fixed in caro ${view.fixedIn}`
    : `${view.caseId} is now ${view.status}`;
  const action = view.fixedIn ? `Upgrade to caro ${view.fixedIn} or later.` : "";
  const text = [
    headline,
    "",
    `What failed: ${view.summary}`,
    ...(action ? [action] : []),
    `Case page: ${view.caseUrl}`,
    "",
    "You asked to be told by e-mail. This address has now been deleted from the healing service.",
  ].join("\n");
  const body = await html`
    <!doctype html>
    <html>
      <body style="font-family:system-ui,sans-serif;line-height:1.5">
    <h1 style="font-size:1.2em">${headline}</h1>
    <p>What failed: ${view.summary}</p>
    ${action ? html`<p><strong>${action}</strong></p>` : ""}
    <p><a href="${view.caseUrl}">Case page</a></p>
    <p style="color:#666;font-size:.9em">You asked to be told by e-mail. This address has now been deleted from the healing service.</p>
      </body>
    </html>
  `;
  return { subject: headline, text, html: body.toString() };
}
