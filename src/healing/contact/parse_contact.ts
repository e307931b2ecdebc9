/**
 * How a reporter can hear back: an e-mail address, an X/Twitter handle, a
 * GitHub username, or nothing. One parser for every way a contact arrives
 * (the prompt, `--contact`, `CARO_CONTACT_EMAIL`, `[healing] contact`), with
 * one clear line for each way it can be wrong.
 *
 * Accepted forms: `ada@example.org`, `mailto:ada@example.org` · `@ada_l`,
 * `x:ada_l`, `twitter:ada_l`, `https://x.com/ada_l` · `github:ada-l`,
 * `gh:ada-l`, `https://github.com/ada-l` · `none` or empty for no contact.
 *
 * @module
 */
import type { ContactMethod } from "../../protocol/report/schema.ts";

/** A validated contact, as the report's `contact` block carries it. */
export interface Contact {
  method: ContactMethod;
  /** `ada@example.org`, `@ada_l` or `ada-l`. */
  value: string;
}

/** The outcome of {@link parseContact}: a contact, none, or why not. */
export type ParsedContact =
  | { ok: true; contact: Contact | null }
  | { ok: false; message: string };

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const TWITTER = /^[A-Za-z0-9_]{1,15}$/;
const GITHUB = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Parses and validates a contact.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseContact } from "./parse_contact.ts";
 * const parsed = parseContact("https://github.com/ada-l");
 * assert(parsed.ok && parsed.contact?.method === "github" && parsed.contact.value === "ada-l");
 * assert(!parseContact("ada").ok);
 * ```
 */
export function parseContact(input: string): ParsedContact {
  const text = input.trim();
  if (text === "" || text.toLowerCase() === "none") return { ok: true, contact: null };
  const lower = text.toLowerCase();
  const prefixed = (prefixes: string[]) => {
    const prefix = prefixes.find((p) => lower.startsWith(p));
    return prefix === undefined ? undefined : text.slice(prefix.length).replace(/\/$/, "");
  };
  const github = prefixed(["github:", "gh:", "https://github.com/", "github.com/"]);
  if (github !== undefined) {
    return GITHUB.test(github) ? { ok: true, contact: { method: "github", value: github } } : {
      ok: false,
      message: `${JSON.stringify(github)} is not a GitHub username ` +
        "(1-39 letters, digits or single hyphens, not starting or ending with a hyphen)",
    };
  }
  const twitter = prefixed([
    "@",
    "x:",
    "twitter:",
    "https://x.com/",
    "https://twitter.com/",
    "x.com/",
    "twitter.com/",
  ]);
  if (twitter !== undefined) {
    return TWITTER.test(twitter)
      ? { ok: true, contact: { method: "twitter", value: `@${twitter}` } }
      : {
        ok: false,
        message: `${JSON.stringify(twitter)} is not an X/Twitter handle ` +
          "(1-15 letters, digits or underscores)",
      };
  }
  const email = prefixed(["mailto:"]) ?? text;
  if (email.includes("@")) {
    return EMAIL.test(email) && email.length <= 254
      ? { ok: true, contact: { method: "email", value: email } }
      : {
        ok: false,
        message: `${JSON.stringify(email)} is not an e-mail address (expected name@example.org)`,
      };
  }
  return {
    ok: false,
    message: `${JSON.stringify(text)} is not a contact: write ada@example.org for e-mail, ` +
      "@ada for X/Twitter, github:ada for GitHub, or none",
  };
}
