/**
 * The contact a report may carry, as the service accepts it: exactly one
 * e-mail address, one X/Twitter handle or one GitHub username, in the form
 * the client writes (`ada@example.org`, `@ada_l`, `ada-l`). Anything else
 * (a list of addresses, a display name, a header, a handle with a URL) is
 * refused with 422 before anything is stored, so one notice never goes to
 * more than the one reporter who asked.
 *
 * @module
 */
import type { ContactInfo } from "../../protocol/report/schema.ts";

/** The one value each method accepts, and how the refusal describes it. */
const CONTACT_FORMS: Record<ContactInfo["method"], { pattern: RegExp; expected: string }> = {
  email: {
    pattern:
      /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
    expected: "one e-mail address (name@example.org)",
  },
  twitter: {
    pattern: /^@[A-Za-z0-9_]{1,15}$/,
    expected: "one X/Twitter handle (@ and 1-15 letters, digits or underscores)",
  },
  github: {
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    expected: "one GitHub username (1-39 letters, digits or single hyphens)",
  },
};

/**
 * Why a contact is refused, or undefined when it is one valid address,
 * handle or username (the message names the field and the form, never the value).
 *
 * @example A list of addresses is refused, one address is not
 * ```ts
 * import assert from "node:assert/strict";
 * import { contactProblem } from "./contact_check.ts";
 * assert.equal(contactProblem({ method: "email", value: "ada@example.org" }), undefined);
 * assert.equal(
 *   contactProblem({ method: "email", value: "a@x.org, b@y.org" }),
 *   "contact.value must be one e-mail address (name@example.org)",
 * );
 * assert.equal(contactProblem({ method: "github", value: "ada-l" }), undefined);
 * assert.notEqual(contactProblem({ method: "twitter", value: "@ada @bob" }), undefined);
 * ```
 */
export function contactProblem(contact: ContactInfo): string | undefined {
  const form = CONTACT_FORMS[contact.method];
  return form.pattern.test(contact.value) ? undefined : `contact.value must be ${form.expected}`;
}
