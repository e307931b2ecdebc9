/**
 * A file or folder of caro's in the wrong shape is an expected failure, not
 * a bug: one `error:` line naming the path and what is wrong, exit 1 (with
 * `--json` the `{"error":{"code":"failed",…}}` object), nothing lost. Real
 * processes (main.ts) in a temp HOME laid out as a user's: config.toml that
 * is a directory, the queue folder that is a file.
 */
import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "./_support/run_caro.ts";

/** Runs `fn` with a fresh HOME, removed afterwards. */
async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "caro-file-problems-" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

/** `caro ARGS…` with HOME only (and a healing endpoint nothing listens on). */
function caro(home: string, args: string[]) {
  return runCaro(args, {
    env: { HOME: home, CARO_HEALING_ENDPOINT: "http://127.0.0.1:9" },
    cwd: home,
    stdin: "",
  });
}

/** Checks the run failed with exactly `message`, as a line or (with --json) an object. */
async function failsWith(home: string, args: string[], message: string): Promise<void> {
  const text = await caro(home, args);
  deepEqual([text.code, text.stdout, text.stderr], [1, "", `error: ${message}\n`], args.join(" "));
  const json = await caro(home, ["--json", ...args]);
  equal(json.code, 1, args.join(" "));
  deepEqual(JSON.parse(json.stdout), { error: { code: "failed", message } });
  equal(json.stderr, "");
}

Deno.test("config.toml is a directory: config set fails in one line and leaves it alone", async () => {
  await withHome(async (home) => {
    const file = join(home, ".config", "caro", "config.toml");
    await Deno.mkdir(file, { recursive: true });
    await failsWith(
      home,
      ["config", "set", "healing.enabled", "false"],
      `${file}: cannot read: it is a directory ` +
        "(fix the file by hand: caro changes only a file it can read)",
    );
    equal((await Deno.stat(file)).isDirectory, true);
    deepEqual(await Array.fromAsync(Deno.readDir(file)), []);
  });
});

Deno.test("the queue folder is a file: queue, flush and clear fail in one line naming it", async () => {
  await withHome(async (home) => {
    const queue = join(home, ".local", "share", "caro", "queue");
    await Deno.mkdir(join(queue, ".."), { recursive: true });
    await Deno.writeTextFile(queue, "mine\n");
    for (const args of [["queue"], ["queue", "flush"], ["queue", "clear"]]) {
      await failsWith(home, args, `Cannot read "${queue}": it is a file, not a directory`);
    }
    equal(await Deno.readTextFile(queue), "mine\n");
  });
});

Deno.test("the queue folder is a file: a report says it was not sent or queued, and why", async () => {
  await withHome(async (home) => {
    const queue = join(home, ".local", "share", "caro", "queue");
    await Deno.mkdir(join(queue, ".."), { recursive: true });
    await Deno.writeTextFile(queue, "mine\n");
    await failsWith(
      home,
      ["--healing-consent", "minimal", "report", "--failure-type", "timeout"],
      `Report not sent or queued: Cannot write "${queue}": it is a file, not a directory`,
    );
    equal(await Deno.readTextFile(queue), "mine\n");
  });
});

Deno.test("a file in the way above the queue folder is named", async () => {
  await withHome(async (home) => {
    const data = join(home, ".local", "share", "caro");
    await Deno.mkdir(join(data, ".."), { recursive: true });
    await Deno.writeTextFile(data, "mine\n");
    // The data folder itself is a file: the queue under it cannot be listed.
    const text = await caro(home, ["queue"]);
    deepEqual([text.code, text.stdout], [1, ""]);
    equal(
      text.stderr,
      `error: Cannot read "${join(data, "queue")}": "${data}" is a file, not a directory\n`,
    );
  });
});
