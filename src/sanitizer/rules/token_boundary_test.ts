import { equal } from "node:assert/strict";
import { sanitizeText } from "../sanitize_text.ts";
import { tokenStart } from "./token_boundary.ts";

/** base64url of a JSON value, as a JWT segment. */
const segment = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const JWT_HEADER = segment({ alg: "HS256", typ: "JWT" });
const JWT = `${JWT_HEADER}.${
  segment({ sub: "1234567890", name: "Ada Lovelace", iat: 1716239022 })
}.Xk2pq9LnR4vT7yWb1cD3fG5hJ8kM0nP2qS4uV6wY8zA`;

// Reviewer finding: a token right after a `%XX` escape was not redacted at
// all, the escape's last hex digit read as part of a longer word.
const leaks: [string, string][] = [
  ["next=%2F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", "next=%2F<SECRET:github>"],
  ["q=a%3D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", "q=a%3D<SECRET:github>"],
  ["key%3Dsk_live_5DQL05HA064GiIjHGb3CXlMa", "key%3D<SECRET:stripe>"],
  ["id%3DAKIA4KHVDGAJGXBENYJQ", "id%3D<SECRET:aws_key_id>"],
  [
    `redirect_uri=https%3A%2F%2Fapp%3Ftoken%3D${JWT}`,
    `redirect_uri=https%3A%2F%2Fapp%3Ftoken%3D${JWT_HEADER}.<SECRET:jwt>`,
  ],
];
for (const [input, expected] of leaks) {
  Deno.test(`a token after a percent escape is redacted: ${input.slice(0, 40)}`, () => {
    equal(sanitizeText(input).text, expected);
  });
}

Deno.test("the other vendor boundaries take a percent escape too", () => {
  for (
    const [input, expected] of [
      ["token%3Dglpat-Ab3dE5fG7hJ9kL1mN3pQ", "token%3D<SECRET:gitlab>"],
      ["x%2Cxoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "x%2C<SECRET:slack>"],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("percent escapes and hex around them stay when no token follows", () => {
  for (
    const text of [
      "next=%2Fhome%2Fdocs&q=a%3Db",
      "commit 3f2a9c1%2F and 50%25 done",
      "path=%2Fghp_short",
    ]
  ) equal(sanitizeText(text).text, text);
});

Deno.test("tokenStart: a word boundary or a percent escape, not a glued word", () => {
  const token = new RegExp(`${tokenStart("A-Za-z0-9_")}ghp_[A-Za-z0-9]{4}`);
  equal(token.test("x=%2Fghp_abcd"), true);
  equal(token.test("x=%3dghp_abcd"), true);
  equal(token.test(" ghp_abcd"), true);
  equal(token.test("xghp_abcd"), false);
  equal(token.test("%2xghp_abcd"), false);
});
