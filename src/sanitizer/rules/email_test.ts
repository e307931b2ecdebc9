import { equal } from "node:assert/strict";
import { sanitizeText } from "../sanitize_text.ts";

// Reviewer finding: addresses with non-ASCII letters were partly or wholly
// kept, the ASCII-only classes stopping at the first `ü` or `ä`.
const leaks: [string, string][] = [
  ["mail jürgen.müller@firma.de", "mail <EMAIL>"],
  ["contact søren@exämple.dk", "contact <EMAIL>"],
  ["mail 李@例子.中国", "mail <EMAIL>"],
];
for (const [input, expected] of leaks) {
  Deno.test(`an address with non-ASCII letters is redacted whole: ${input}`, () => {
    equal(sanitizeText(input).text, expected);
  });
}

Deno.test("non-ASCII addresses in other shapes are redacted whole", () => {
  for (
    const [input, expected] of [
      ["git log --author=ζωή@παράδειγμα.ελ", "git log --author=<EMAIL>"],
      ["contact: Søren <søren.d+ci@exämple.co.uk>.", "contact: Søren <<EMAIL>>."],
      ["Ünïcödé@Éxample.Org wrote", "<EMAIL> wrote"],
      ["?email=j%C3%BCrgen%40ex%C3%A4mple.dk&x=1", "?email=<EMAIL>&x=1"],
      ["ssh jürgen@build.corp", "ssh <USER>@<HOST>"],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("the words around a non-ASCII address survive", () => {
  equal(
    sanitizeText("schreib an jürgen.müller@firma.de, grüße von Søren").text,
    "schreib an <EMAIL>, grüße von Søren",
  );
  equal(sanitizeText("请联系 李@例子.中国 谢谢").text, "请联系 <EMAIL> 谢谢");
  equal(sanitizeText("Grüße aus München @ 10 Uhr").text, "Grüße aus München @ 10 Uhr");
});
