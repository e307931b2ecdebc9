import { deepEqual, equal, match } from "node:assert/strict";
import { parseContact } from "./parse_contact.ts";

const valid: [string, string, string][] = [
  ["ada@example.org", "email", "ada@example.org"],
  ["  mailto:Ada.L+caro@mail.example.co.uk ", "email", "Ada.L+caro@mail.example.co.uk"],
  ["@ada_l", "twitter", "@ada_l"],
  ["x:ada_l", "twitter", "@ada_l"],
  ["https://twitter.com/AdaL/", "twitter", "@AdaL"],
  ["github:ada-l", "github", "ada-l"],
  ["gh:a", "github", "a"],
  ["https://github.com/ada-lovelace", "github", "ada-lovelace"],
];
for (const [input, method, value] of valid) {
  Deno.test(`contact ${JSON.stringify(input)} is ${method} ${value}`, () => {
    deepEqual(parseContact(input), { ok: true, contact: { method, value } });
  });
}

Deno.test("empty and none mean no contact", () => {
  deepEqual(parseContact(""), { ok: true, contact: null });
  deepEqual(parseContact(" None "), { ok: true, contact: null });
});

const invalid: [string, RegExp][] = [
  ["ada", /"ada" is not a contact: write ada@example.org for e-mail, @ada for X\/Twitter/],
  ["ada@", /"ada@" is not an e-mail address \(expected name@example.org\)/],
  ["ada@localhost", /not an e-mail address/],
  ["a b@example.org", /not an e-mail address/],
  ["@this_handle_is_too_long", /"this_handle_is_too_long" is not an X\/Twitter handle \(1-15/],
  ["@ada-l", /not an X\/Twitter handle/],
  ["github:-ada", /"-ada" is not a GitHub username/],
  ["github:ada--l", /not a GitHub username/],
  [`github:${"a".repeat(40)}`, /not a GitHub username/],
];
for (const [input, message] of invalid) {
  Deno.test(`contact ${JSON.stringify(input)} is refused with a clear line`, () => {
    const parsed = parseContact(input);
    equal(parsed.ok, false);
    if (!parsed.ok) {
      match(parsed.message, message);
      equal(parsed.message.includes("\n"), false);
    }
  });
}
