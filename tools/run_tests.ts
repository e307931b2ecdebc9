/**
 * `deno task test`: runs the whole suite with `deno test` and closes with the
 * plain line `N passed, N failed` that CI reads. Extra arguments are passed
 * to `deno test` (e.g. a file or `--filter`).
 *
 * @module
 */

const args = ["test", "-A", "--parallel", "--no-prompt", ...Deno.args];
const child = new Deno.Command(Deno.execPath(), {
  args,
  stdout: "piped",
  stderr: "inherit",
  env: { NO_COLOR: "1" },
}).spawn();

let summary = "";
const decoder = new TextDecoder();
const encoder = new TextEncoder();
for await (const chunk of child.stdout) {
  Deno.stdout.writeSync(chunk);
  summary = (summary + decoder.decode(chunk, { stream: true })).slice(-4096);
}
const { code } = await child.status;
const passed = Number(
  /(\d+) passed/.exec(summary.split("\n").findLast((l) => /\d+ passed/.test(l)) ?? "")?.[1] ?? 0,
);
const failed = Number(
  /(\d+) failed/.exec(summary.split("\n").findLast((l) => /\d+ failed/.test(l)) ?? "")?.[1] ?? 0,
);
Deno.stdout.writeSync(
  encoder.encode(`\n${passed} passed, ${code === 0 ? failed : Math.max(failed, 1)} failed\n`),
);
Deno.exitCode = code;
