import { equal, match } from "node:assert/strict";
import { runCaro } from "./_support/run_caro.ts";

Deno.test("caro --version prints the version on stdout and exits 0", async () => {
  const result = await runCaro(["--version"]);
  equal(result.code, 0);
  match(result.stdout, /^caro \d+\.\d+\.\d+\n$/);
  equal(result.stderr, "");
});

Deno.test("caro with no arguments prints usage on stderr and exits 1", async () => {
  const result = await runCaro([]);
  equal(result.code, 1);
  equal(result.stdout, "");
  match(result.stderr, /^Usage: caro/);
});

Deno.test("caro -h prints usage on stdout and exits 0", async () => {
  const result = await runCaro(["-h"]);
  equal(result.code, 0);
  match(result.stdout, /Commands:\n\s+doctor/);
});

Deno.test("an unknown option is a usage error: exit 2, message on stderr", async () => {
  const result = await runCaro(["--bogus"]);
  equal(result.code, 2);
  equal(result.stdout, "");
  match(result.stderr, /unknown option '--bogus'/);
});
