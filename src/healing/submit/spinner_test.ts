import { equal } from "node:assert/strict";
import { startSpinner } from "./spinner.ts";

Deno.test("the spinner draws on a terminal and clears its line when stopped", () => {
  let out = "";
  const spinner = startSpinner({ isTerminal: true, write: (t) => out += t }, "sending report…");
  spinner.update("HTTP 500; retrying in 2 s…");
  spinner.stop();
  equal(out, "\r\x1b[K⠋ sending report…\r\x1b[K⠙ HTTP 500; retrying in 2 s…\r\x1b[K");
});

Deno.test("no spinner when stderr is not a terminal", () => {
  let out = "";
  const spinner = startSpinner({ isTerminal: false, write: (t) => out += t }, "sending");
  spinner.update("again");
  spinner.stop();
  equal(out, "");
});
