/**
 * One report, one redaction, through the real CLI against a counting
 * service: a password the sanitizer finds after `password=` in the request
 * is gone from the generated command and the error message too (where
 * nothing says "secret"), a `ghp_` token given as an error code or a safety
 * rule id is left out, an e-mail address in a token field is a usage error
 * (exit 2, nothing sent), and the queue files hold none of them either.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";
import { filesUnder, startCountingService } from "./counting_service.ts";

const SECRET = "Zq7Kx91walrus";
const GITHUB_TOKEN = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const FULL_REPORT = [
  "--healing-consent",
  "full",
  "report",
  "--request",
  `connect to the db with password=${SECRET} and list tables`,
  "--command",
  `db-login app ${SECRET}`,
  "--error-message",
  `db-login: app/${SECRET} rejected`,
  "--error-code",
  GITHUB_TOKEN,
  "--safety-pattern",
  GITHUB_TOKEN,
  "--safety-pattern",
  "rm-recursive",
  "--failure-type",
  "execution",
];

async function withHome(fn: (home: string) => Promise<void>) {
  const home = await Deno.makeTempDir({ prefix: "caro-one-redaction-" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("a secret redacted in the request is redacted in every field; tokens that are secrets are left out", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const run = await runCaro(FULL_REPORT, {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      equal(run.code, 0, run.stderr);
      equal(service.reports().length, 1);
      const sent = new TextDecoder().decode(service.reports()[0].body);
      for (const planted of [SECRET, GITHUB_TOKEN, "ghp_"]) ok(!sent.includes(planted), planted);
      const report = JSON.parse(sent);
      equal(report.request.generated_command, "db-login app <PASSWORD>");
      equal(report.failure.error_message, "db-login: app/<PASSWORD> rejected");
      equal(report.failure.error_code, undefined);
      deepEqual(report.failure.safety_patterns_triggered, ["rm-recursive"]);
    });
  } finally {
    await service.close();
  }
});

Deno.test("the queue entry of such a report holds none of the planted values", async () => {
  const down = startCountingService();
  const endpoint = down.url;
  await down.close(); // nothing listens: the report stays queued
  await withHome(async (home) => {
    const run = await runCaro(["--json", ...FULL_REPORT], {
      env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: endpoint },
    });
    equal(run.code, 0, run.stderr);
    equal(JSON.parse(run.stdout).status, "queued");
    const files = await filesUnder(join(home, "data"));
    ok(files.some((file) => file.startsWith("queue/")), files.join(", "));
    for (const file of files) {
      const text = new TextDecoder().decode(await Deno.readFile(join(home, "data", file)));
      for (const planted of [SECRET, GITHUB_TOKEN]) {
        ok(!text.includes(planted), `${file}: ${planted}`);
      }
    }
  });
});

for (
  const [flag, value] of [
    ["--error-code", "a@b"],
    ["--error-code", "ada@example.org"],
    ["--safety-pattern", "ada@example.org"],
    ["--model", "/opt/x.gguf"],
  ]
) {
  Deno.test(`${flag} ${value}: one usage line, exit 2, zero requests`, async () => {
    const service = startCountingService();
    try {
      await withHome(async (home) => {
        const run = await runCaro(
          ["--healing-consent", "full", "report", "--failure-type", "generation", flag, value],
          { env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url } },
        );
        equal(run.code, 2, run.stderr);
        // The CLI's usage shape: one line saying what is wrong, then the usual help pointer.
        match(
          run.stderr,
          new RegExp(`^error: ${flag} must be [^\n]*\n\\(run with --help for usage\\)\n$`),
        );
        equal(service.arrivals.length, 0);
        deepEqual(await filesUnder(join(home, "data")), []);
      });
    } finally {
      await service.close();
    }
  });
}
