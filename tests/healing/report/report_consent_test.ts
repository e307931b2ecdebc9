/**
 * The report path against a real local service that counts requests: every
 * refusal sends nothing and queues nothing (the data dir is not even
 * created); with consent exactly one report arrives, and its SHA-256 is the
 * one the preview showed.
 */
import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../../_support/run_caro.ts";
import { reportFailure } from "../../../src/healing/report/report_failure.ts";
import { ConsentInterrupted } from "../../../src/healing/consent/consent_interrupted.ts";
import { filesUnder, sha256, startCountingService } from "./counting_service.ts";

const FAILURE_FLAGS = [
  "report",
  "--request",
  "find files over 10 MB in /home/ada/videos, mail them to ada@example.org",
  "--failure-type",
  "generation",
  "--stage",
  "inference",
  "--safety-pattern",
  "rm-recursive",
];

async function withHome(fn: (home: string) => Promise<void>) {
  const home = await Deno.makeTempDir({ prefix: "caro-report-" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

const refusals: [string, string[], Record<string, string>, string][] = [
  ["no TTY and no consent", [], {}, "no-tty"],
  ["CI set and no consent", [], { CI: "true" }, "ci"],
  [
    "DO_NOT_TRACK=1 beats --healing-consent",
    ["--healing-consent", "full"],
    { DO_NOT_TRACK: "1" },
    "do-not-track",
  ],
  [
    "DO_NOT_TRACK=yes (any value but empty, 0 or false) beats --healing-consent",
    ["--healing-consent", "full"],
    { DO_NOT_TRACK: "yes" },
    "do-not-track",
  ],
  [
    "--no-healing beats --healing-consent",
    ["--no-healing", "--healing-consent", "full"],
    {},
    "no-healing",
  ],
  [
    "CARO_HEALING_ENABLED=false beats --healing-consent",
    ["--healing-consent", "standard"],
    { CARO_HEALING_ENABLED: "false" },
    "disabled",
  ],
];

for (const [name, globals, env, reason] of refusals) {
  Deno.test(`caro report: ${name} → zero requests, nothing queued`, async () => {
    const service = startCountingService();
    try {
      await withHome(async (home) => {
        const run = await runCaro(["--json", ...globals, ...FAILURE_FLAGS], {
          env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, ...env },
        });
        equal(run.code, 0, run.stderr);
        deepEqual(JSON.parse(run.stdout), { status: "not_sent", reason });
        equal(service.arrivals.length, 0);
        deepEqual(await filesUnder(home), []);
      });
    } finally {
      await service.close();
    }
  });
}

Deno.test("caro report with --healing-consent: exactly one signed report, the CLI contract line", async () => {
  const service = startCountingService("CARO-2026-0007");
  try {
    await withHome(async (home) => {
      const run = await runCaro(["--healing-consent", "standard", ...FAILURE_FLAGS], {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      equal(run.code, 0, run.stderr);
      const [arrival] = service.reports();
      equal(service.reports().length, 1);
      ok(arrival.signedBy, "the report is signed by the install key");
      const report = JSON.parse(new TextDecoder().decode(arrival.body));
      equal(arrival.idempotencyKey, report.id);
      equal(
        run.stdout,
        `submitted ${report.id} CARO-2026-0007 ${service.url}/cases/CARO-2026-0007\n`,
      );
      equal(report.consent_level, "standard");
      equal(report.request.text, undefined, "the request's words are full-consent only");
      match(report.request.shape, /^find files over <NUM> mb in <PATH>/);
      // The planted user name, not an "ada" inside the random hex id.
      ok(!/\bada\b/.test(new TextDecoder().decode(arrival.body)));
      deepEqual(await filesUnder(join(home, "data", "queue")), []);
    });
  } finally {
    await service.close();
  }
});

Deno.test("caro report --json prints the contract object with the sent bytes' hash", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const run = await runCaro(["--json", "--healing-consent", "minimal", ...FAILURE_FLAGS], {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      const out = JSON.parse(run.stdout);
      equal(out.status, "submitted");
      equal(out.case_id, "CARO-2026-0042");
      equal(out.sha256, await sha256(service.reports()[0].body));
    });
  } finally {
    await service.close();
  }
});

Deno.test("a host program reports with JSON on stdin", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const run = await runCaro(["--healing-consent", "full", "report"], {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
        stdin: JSON.stringify({
          failure_type: "execution",
          stage: "execution",
          command: "rm -rf /home/ada/build",
          error_message: "permission denied for ada@example.org",
          safety_patterns: ["rm-recursive"],
        }),
      });
      equal(run.code, 0, run.stderr);
      const report = JSON.parse(new TextDecoder().decode(service.reports()[0].body));
      equal(report.request.generated_command, "rm -rf /home/<USER>/build");
      equal(report.failure.error_message, "permission denied for <EMAIL>");
    });
  } finally {
    await service.close();
  }
});

Deno.test("bad input is one usage line, exit 2, nothing sent", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url };
      const bad = await runCaro(["--healing-consent", "full", "report", "--failure-type", "oops"], {
        env,
      });
      equal(bad.code, 2);
      match(bad.stderr, /^error: --failure-type must be one of generation, validation/);
      const notJson = await runCaro(["--healing-consent", "full", "report"], { env, stdin: "{" });
      equal(notJson.code, 2);
      match(notJson.stderr, /the report on stdin is not JSON/);
      // Where it broke, never the input itself (secrets, terminal escape sequences).
      const hostile = await runCaro(["--healing-consent", "full", "report"], {
        env,
        stdin: '{"request": 5\x1b[2J ghp_0123456789abcdefghijklmnopqrstuvwxyzAB}',
      });
      equal(hostile.code, 2);
      equal(
        hostile.stderr,
        "error: the report on stdin is not JSON (line 1 column 14)\n(run with --help for usage)\n",
      );
      const contact = await runCaro(
        ["--healing-consent", "full", ...FAILURE_FLAGS, "--contact", "ada"],
        { env },
      );
      equal(contact.code, 2);
      match(contact.stderr, /--contact: "ada" is not a contact/);
      equal(service.arrivals.length, 0);
    });
  } finally {
    await service.close();
  }
});

const noDoctor = () => Promise.resolve({ platform: { os: "linux" as const, arch: "x86_64" } });
async function* keys(typed: string) {
  yield* typed;
}

Deno.test("consent refused at the prompt (N, V, Esc): zero requests, nothing queued", async () => {
  const service = startCountingService();
  try {
    for (const typed of ["n", "dn", "\x1b", "v"]) {
      await withHome(async (home) => {
        const outcome = await reportFailure({
          failure: { failure_type: "generation", request: "list files" },
          env: (name) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url })[name],
          interactive: true,
          keys: keys(typed),
          diagnose: noDoctor,
        });
        equal(outcome.status, "not_sent");
        equal(service.arrivals.length, 0);
        const files = await filesUnder(home);
        deepEqual(files, typed === "v" ? ["config/config.toml"] : []);
      });
    }
  } finally {
    await service.close();
  }
});

Deno.test("Ctrl-C at the prompt: ConsentInterrupted (exit 130), zero requests, nothing written", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      await rejects(
        reportFailure({
          failure: { failure_type: "generation", request: "list files" },
          env: (name) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url })[name],
          interactive: true,
          keys: keys("\x03"),
          diagnose: noDoctor,
        }),
        (error) => error instanceof ConsentInterrupted && error.exitCode === 130,
      );
      equal(service.arrivals.length, 0);
      deepEqual(await filesUnder(home), []);
    });
  } finally {
    await service.close();
  }
});

Deno.test("D then Y: the one report that arrives hashes to the SHA-256 the preview showed", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      let screen = "";
      const outcome = await reportFailure({
        failure: {
          failure_type: "validation",
          request: "ssh to 10.0.4.7 as ada",
          contact: "github:ada-l",
        },
        env: (name) =>
          ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, CARO_HEALING_CONSENT: "full" })[
            name
          ],
        stderr: { isTerminal: false, write: (text) => void (screen += text) },
        interactive: true,
        keys: keys("dy"),
        diagnose: noDoctor,
      });
      equal(outcome.status, "submitted");
      equal(service.reports().length, 1);
      const previewHash = /SHA-256: ([0-9a-f]{64})/.exec(screen)?.[1];
      equal(previewHash, await sha256(service.reports()[0].body));
      const previewText = /--- exact payload, \d+ bytes ---\n([\s\S]*)\n--- end of payload ---/
        .exec(screen)?.[1];
      equal(previewText + "\n", new TextDecoder().decode(service.reports()[0].body));
      match(screen, /Redacted: 2 redacted: ipv4 2/); // in the text and in its shape
      deepEqual(JSON.parse(previewText!).contact, { method: "github", value: "ada-l" });
    });
  } finally {
    await service.close();
  }
});

Deno.test("Always is remembered: the next report is sent without asking, even without a TTY", async () => {
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const env = (name: string) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url })[name];
      const first = await reportFailure({
        failure: { failure_type: "timeout" },
        env,
        interactive: true,
        keys: keys("a"),
        lines: keys(""),
        diagnose: noDoctor,
      });
      equal(first.status, "submitted");
      const config = await Deno.readTextFile(join(home, "config", "config.toml"));
      match(config, /remember = "always"\nconsent_version = \d+\n/);
      const second = await reportFailure({
        failure: { failure_type: "timeout" },
        env,
        diagnose: noDoctor,
      });
      equal(second.status, "submitted");
      equal(service.reports().length, 2);
    });
  } finally {
    await service.close();
  }
});

Deno.test("consent is versioned: new fields re-ask a remembered Always, showing only what is new", async () => {
  const { rememberConsent } = await import("../../../src/healing/consent/remember_consent.ts");
  const { consentVersion } = await import("../../../src/healing/consent/consent_version.ts");
  const service = startCountingService();
  try {
    await withHome(async (home) => {
      const configPath = join(home, "config", "config.toml");
      // Always was given when the report had only the minimal fields.
      await rememberConsent({
        configPath,
        dataDir: join(home, "data"),
        answer: "always",
        level: "minimal",
      });
      const env = (name: string) => ({ CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url })[name];
      const unattended = await reportFailure({
        failure: { failure_type: "timeout" },
        env,
        diagnose: noDoctor,
      });
      deepEqual(unattended, { status: "not_sent", reason: "consent-outdated" });
      equal(service.arrivals.length, 0);

      let screen = "";
      const asked = await reportFailure({
        failure: { failure_type: "timeout" },
        env,
        stderr: { isTerminal: false, write: (text) => void (screen += text) },
        interactive: true,
        keys: keys("a"),
        lines: keys(""),
        diagnose: noDoctor,
      });
      equal(asked.status, "submitted");
      match(screen, /fields you have not agreed to:\n {2}\+ platform\.os_version\n/);
      ok(!screen.includes("+ platform.os\n"), "fields already agreed to are not listed");
      match(
        await Deno.readTextFile(configPath),
        new RegExp(`consent_version = ${consentVersion("standard")}\n`),
      );
      const later = await reportFailure({
        failure: { failure_type: "timeout" },
        env,
        diagnose: noDoctor,
      });
      equal(later.status, "submitted");
      equal(service.reports().length, 2);
    });
  } finally {
    await service.close();
  }
});

Deno.test("a known problem: after consent, one line says +1 and which case to follow", async () => {
  const service = startCountingService("CARO-2026-0042", {
    known: {
      case_id: "CARO-2026-0042",
      status: "resolved",
      fixed_in: "0.2.0",
      track_url: "https://heal.caro.example/cases/CARO-2026-0042",
    },
  });
  try {
    await withHome(async (home) => {
      const run = await runCaro(["--healing-consent", "minimal", ...FAILURE_FLAGS], {
        env: { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url },
      });
      equal(run.code, 0, run.stderr);
      match(
        run.stderr,
        /^Known problem: \+1 on CARO-2026-0042 \(resolved, fixed in 0\.2\.0: upgrade to 0\.2\.0 \(you have [^)]+\)\); follow it at https:\/\/heal\.caro\.example\/cases\/CARO-2026-0042$/m,
      );
      deepEqual(service.arrivals.map((a) => a.method), ["GET", "POST"]);
      match(service.arrivals[0].path, /^\/v1\/known\/[0-9a-f]{16}$/);
    });
  } finally {
    await service.close();
  }
});
