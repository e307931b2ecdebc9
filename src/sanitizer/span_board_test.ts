import { deepEqual, equal } from "node:assert/strict";
import { SpanBoard } from "./span_board.ts";

Deno.test("a kept range blocks a later redaction", () => {
  const board = new SpanBoard("version 1.2.3.4");
  board.keep(8, 15);
  equal(board.redact(8, 15, "ipv4"), false);
  equal(board.render().text, "version 1.2.3.4");
});

Deno.test("an earlier redaction wins over a partial overlap", () => {
  const board = new SpanBoard("abcdefghij");
  board.redact(2, 6, "password");
  equal(board.redact(4, 8, "email"), false);
  equal(board.render().text, "ab<PASSWORD>ghij");
});

Deno.test("a redaction containing earlier ones whole absorbs them", () => {
  const board = new SpanBoard("KEY=xx-ghp_123-yy");
  board.redact(7, 14, "github_token");
  equal(board.redact(4, 17, "secret_env"), true);
  deepEqual(board.render(), { text: "KEY=<SECRET>", summary: { secret_env: 1 } });
});

Deno.test("a keep over a redaction is refused", () => {
  const board = new SpanBoard("abcdef");
  board.redact(0, 3, "password");
  equal(board.keep(2, 5), false);
  equal(board.isFree(3, 6), true);
});
