/**
 * Files the user names (`caro sanitize FILE`, `report --export FILE`,
 * `report --submit FILE`, `-` for stdin/stdout), and a configured healing
 * endpoint, through the launcher (which grants exactly those paths and that
 * host) and through the bundle under its exact flags (which grants neither:
 * what a binary with baked flags does for a path outside the home root).
 */
import { equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { sharedBundle } from "./bundle.ts";
import { runExact } from "../_support/exact_runs.ts";
import { DENO_DIR } from "../_support/run_caro.ts";
import { startCountingService } from "../healing/report/counting_service.ts";

const CONFIG = join(import.meta.dirname!, "../../deno.json");
const REPORT = ["--healing-consent", "standard", "report", "--failure-type", "generation"];

Deno.test("files the user names: readable, missing, outside every grant, and - for stdin/stdout", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "caro-named-" });
  try {
    const home = join(dir, "home");
    const usb = join(dir, "usb"); // outside caro's dirs and outside HOME
    await Deno.mkdir(home);
    await Deno.mkdir(usb);
    const env = { HOME: home };
    const notes = join(usb, "notes.txt");
    await Deno.writeTextFile(notes, "mail ada@example.org\n");
    const bundle = await sharedBundle();

    await t.step("launcher: a readable file is read (and only it is granted)", async () => {
      const run = await runExact("launcher", ["sanitize", notes], { env });
      equal(run.code, 0, run.stderr);
      equal(run.stdout, "mail <EMAIL>\n");
      equal(run.stderr, "1 redacted: email 1\n");
    });
    await t.step(
      "launcher: a relative path is resolved against the working directory",
      async () => {
        const run = await runExact("launcher", ["sanitize", "notes.txt"], { env, cwd: usb });
        equal(run.stdout, "mail <EMAIL>\n");
      },
    );
    await t.step(
      "deno task caro, typed in another folder: a relative path is that folder's (INIT_CWD)",
      async () => {
        // deno task runs the task in the repository; the name is the user's folder's.
        // A shell's environment: no INIT_CWD (deno task keeps one it inherits).
        const out = await new Deno.Command(Deno.execPath(), {
          args: ["task", "--config", CONFIG, "-q", "caro", "sanitize", "notes.txt"],
          cwd: usb,
          env: { HOME: home, PATH: Deno.env.get("PATH") ?? "", DENO_DIR },
          clearEnv: true,
        }).output();
        const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
        equal(out.code, 0, decode(out.stderr));
        equal(decode(out.stdout), "mail <EMAIL>\n");
      },
    );
    await t.step(
      "launcher: a missing file is 'no such file', never 'permission denied'",
      async () => {
        const run = await runExact("launcher", ["sanitize", join(usb, "gone.txt")], { env });
        equal(run.code, 1);
        equal(run.stderr, `error: Cannot read "${join(usb, "gone.txt")}": no such file\n`);
      },
    );
    await t.step("outside every grant: what to run instead", async () => {
      const run = await runExact("bundle", ["sanitize", notes], { env, bundle });
      equal(run.code, 1);
      equal(run.stdout, "");
      match(
        run.stderr,
        new RegExp(
          `^error: Cannot read "${notes}": caro is not allowed to read it \\(.*\\)\\. Instead run: caro sanitize < ${notes}\\n$`,
        ),
      );
      ok(!run.stderr.includes("permission denied"));
    });
    await t.step("- is stdin", async () => {
      const run = await runExact("bundle", ["sanitize", "-"], {
        env,
        bundle,
        stdin: "ada@example.org\n",
      });
      equal(run.stdout, "<EMAIL>\n");
    });

    const service = startCountingService();
    try {
      const withEndpoint = { ...env, CARO_HEALING_ENDPOINT: service.url };
      const exported = join(usb, "report.json");
      await t.step(
        "launcher: --export FILE writes outside caro's dirs; --submit FILE sends it",
        async () => {
          const run = await runExact("launcher", [...REPORT, "--export", exported], { env });
          equal(run.code, 0, run.stderr);
          match(run.stdout, new RegExp(`^exported [0-9a-f-]{36} ${exported}\\n$`));
          equal(JSON.parse(await Deno.readTextFile(exported)).format, "caro-report-export/1");
          const sent = await runExact("launcher", ["report", "--submit", exported], {
            env: withEndpoint,
          });
          equal(sent.code, 0, sent.stderr);
          match(sent.stdout, /^submitted /);
          equal(service.reports().length, 1);
        },
      );
      await t.step(
        "launcher: an export into a missing folder or onto a directory, a directory to submit: one line each, exit 1",
        async () => {
          const cases: [string[], string][] = [
            [
              [...REPORT, "--export", join(usb, "gone", "r.json")],
              `Cannot export to "${join(usb, "gone", "r.json")}": its folder does not exist`,
            ],
            [
              [...REPORT, "--export", usb],
              `Cannot export to "${usb}": something is already there (name a new file)`,
            ],
            [["report", "--submit", usb], `Cannot submit "${usb}": it is a directory`],
          ];
          for (const [args, message] of cases) {
            const run = await runExact("launcher", args, { env });
            equal(run.code, 1, run.stderr);
            equal(run.stderr, `error: ${message}\n`);
          }
        },
      );
      await t.step("bundle: --export outside the grant says to use --export - > FILE", async () => {
        const run = await runExact("bundle", [...REPORT, "--export", join(usb, "r2.json")], {
          env,
          bundle,
        });
        equal(run.code, 1);
        match(
          run.stderr,
          /caro is not allowed to write it .* Instead run: caro report … --export - > /,
        );
      });
      await t.step(
        "bundle: --export - writes the export to stdout, the outcome to stderr",
        async () => {
          const run = await runExact("bundle", [...REPORT, "--export", "-"], { env, bundle });
          equal(run.code, 0, run.stderr);
          equal(JSON.parse(run.stdout).format, "caro-report-export/1");
          match(run.stderr, /^exported [0-9a-f-]{36} -\n$/);
          const sent = await runExact("bundle", ["report", "--submit", "-"], {
            env: withEndpoint,
            bundle,
            stdin: run.stdout,
          });
          equal(sent.code, 0, sent.stderr);
          match(sent.stdout, /^submitted /);
          equal(service.reports().length, 2);
        },
      );
      await t.step(
        "bundle: --submit of a file outside the grant says to use --submit - < FILE",
        async () => {
          const run = await runExact("bundle", ["report", "--submit", exported], { env, bundle });
          equal(run.code, 1);
          match(run.stderr, new RegExp(`Instead run: caro report --submit - < ${exported}\\n$`));
        },
      );
    } finally {
      await service.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("config set healing.endpoint works end to end through the launcher", async () => {
  const home = await Deno.makeTempDir({ prefix: "caro-endpoint-" });
  const service = startCountingService();
  try {
    const env = { HOME: home };
    const set = await runExact("launcher", [
      "--json",
      "config",
      "set",
      "healing.endpoint",
      service.url,
    ], { env });
    equal(set.code, 0, set.stderr);
    equal(JSON.parse(set.stdout).value, service.url);
    const shown = await runExact("launcher", ["config"], { env });
    match(
      shown.stdout,
      new RegExp(`^healing\\.endpoint +${service.url.replaceAll(".", "\\.")} +file$`, "m"),
    );
    // Only the config file names the endpoint: the launcher reads it and grants its host.
    const run = await runExact("launcher", REPORT, { env });
    equal(run.code, 0, run.stderr);
    match(run.stdout, /^submitted [0-9a-f-]{36} CARO-2026-0042 /);
    equal(service.reports().length, 1);
  } finally {
    await service.close();
    await Deno.remove(home, { recursive: true });
  }
});
