import { equal } from "node:assert/strict";
import { SpanBoard } from "../span_board.ts";
import { sanitizeText } from "../sanitize_text.ts";
import { connectionPasswordPass } from "./connection_passwords.ts";

function afterConnectionPasswordPass(text: string): string {
  const board = new SpanBoard(text);
  connectionPasswordPass(board);
  return board.render().text;
}

Deno.test("a .pgpass line's password is redacted, colons and all", () => {
  equal(
    afterConnectionPasswordPass("db01.internal:5432:app:app:Pq7$$25"),
    "db01.internal:5432:app:app:<PASSWORD>",
  );
  equal(afterConnectionPasswordPass("db.lan:*:*:ops:pa:ss9"), "db.lan:*:*:ops:<PASSWORD>");
});

// Fuzz findings ipv6_before_closing_paren / mac_before_closing_paren: the
// address read as a pgpass line took `:175)` / `da:7e)` as a password, and that
// span, reaching past the address, blocked the network pass.
for (
  const [address, placeholder] of [
    ["2a01:244:9756:d242::175", "<IPV6>"],
    ["87:22:94:0d:da:7e", "<MAC>"],
  ]
) {
  Deno.test(`an address before a closing bracket is no pgpass line: ${address}`, () => {
    for (const [open, close] of [["(", ")"], ["[", "]"], ["{", "}"], ["<", ">"]]) {
      const text = `${open}${address}${close}`;
      equal(afterConnectionPasswordPass(text), text);
      equal(sanitizeText(text).text, `${open}${placeholder}${close}`);
    }
  });
}
