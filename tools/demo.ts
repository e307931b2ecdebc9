/**
 * `deno task demo`: the whole healing loop on one machine, for a newcomer.
 *
 * 1. starts a fake GitHub (tools/fake_github.ts) on 127.0.0.1;
 * 2. starts the healing service (src/service/main.ts) on a free port with a
 *    SQLite file in a temp dir, GitHub pointed at the fake;
 * 3. files a report through the real CLI (`caro report … --healing-consent
 *    standard`, CARO_HOME in the temp dir, CARO_HEALING_ENDPOINT = the service);
 * 4. waits for the service's outbox to open the GitHub issue;
 * 5. closes the issue as completed and publishes a release, through signed
 *    webhooks (X-Hub-Signature-256), as GitHub would;
 * 6. runs `caro notifications --refresh` and prints the notice the next
 *    `caro` run shows;
 * 7. stops everything and deletes the temp dir.
 *
 * Each step is printed. Exit code 0 only if every step worked.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeGitHub } from "./fake_github.ts";
import { startService } from "./service_process.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const encoder = new TextEncoder();
const say = (text: string) => Deno.stdout.writeSync(encoder.encode(`${text}\n`));
let stepNo = 0;
const step = (title: string) => say(`\n[${++stepNo}] ${title}`);
const detail = (text: string) => say(text.split("\n").map((l) => `    ${l}`).join("\n"));

class DemoError extends Error {}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new DemoError(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

async function hmac(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function caro(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--no-prompt", join(ROOT, "main.ts"), ...args],
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

async function main(): Promise<number> {
  const dir = await Deno.makeTempDir({ prefix: "caro-demo-" });
  const secret = crypto.randomUUID();
  const cleanups: (() => Promise<unknown>)[] = [() => Deno.remove(dir, { recursive: true })];
  try {
    step("Fake GitHub");
    const gh = await startFakeGitHub({ tokens: ["ghp_demo0000000000000000000000000000000000"] });
    cleanups.unshift(() => gh.close());
    gh.state.tags.set("v9.9.9", new Set());
    detail(`GitHub REST stand-in at ${gh.url} (repo caro-sh/caro)`);

    step("Healing service");
    const port = freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const db = join(dir, "healing.db");
    const service = await startService({
      db,
      logFile: join(dir, "service.log"),
      port,
      publicUrl,
      env: {
        CARO_GITHUB_REPO: "caro-sh/caro",
        CARO_GITHUB_TOKEN: "ghp_demo0000000000000000000000000000000000",
        CARO_GITHUB_API_URL: gh.url,
        CARO_GITHUB_WEBHOOK_SECRET: secret,
        CARO_PUBLIC_K: "1",
      },
    });
    cleanups.unshift(() => service.stop());
    detail(`listening on ${publicUrl}, SQLite at ${db}`);

    step("A CARO failure on three machines, reported through the real CLI (consent by flag)");
    // One fresh install alone waits in triage (anyone can mint keys); three file an issue.
    const homes = [1, 2, 3].map((n) => join(dir, `home-${n}`));
    const env = { CARO_HOME: homes[0], CARO_HEALING_ENDPOINT: publicUrl };
    const args = [
      "report",
      "--failure-type",
      "validation",
      "--stage",
      "validation",
      "--safety-pattern",
      "rm-recursive",
      "--intent",
      "file_management",
      "--request",
      "delete log files older than 30 days in ~/projects/app/logs",
      "--healing-consent",
      "standard",
    ];
    detail(`$ caro ${args.join(" ")}   (on each machine)`);
    let output = "";
    for (const home of homes) {
      const reported = await caro(args, { ...env, CARO_HOME: home });
      output = (reported.stdout + reported.stderr).trim();
      if (reported.code !== 0) throw new DemoError(`caro report exited ${reported.code}`);
    }
    detail(output);
    const caseId = /CARO-\d{4}-\d{3,}/.exec(output)?.[0];
    if (!caseId) throw new DemoError("caro report printed no case id");

    step(`The service files ${caseId} on GitHub`);
    const issue = await waitFor(
      "the GitHub issue",
      () => Promise.resolve(gh.state.issues[0]),
      30_000,
    );
    detail(`issue #${issue.number}: ${issue.title}`);
    detail(`labels: ${issue.labels.join(", ")}`);
    if (gh.state.pulls[0]) {
      detail(`PR candidate #${gh.state.pulls[0].number}: ${gh.state.pulls[0].title}`);
    }

    step("A maintainer fixes it: issue closed as completed (signed webhook)");
    const send = async (event: string, payload: unknown) => {
      const body = JSON.stringify(payload);
      const res = await fetch(`${publicUrl}/v1/webhooks/github`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": crypto.randomUUID(),
          "x-hub-signature-256": await hmac(secret, body),
        },
        body,
      });
      await res.body?.cancel();
      detail(`POST /v1/webhooks/github (${event}) → ${res.status}`);
      if (!res.ok) throw new DemoError(`webhook ${event} answered ${res.status}`);
    };
    issue.state = "closed";
    await send("issues", {
      action: "closed",
      issue: {
        number: issue.number,
        state: "closed",
        state_reason: "completed",
        body: issue.body,
        title: issue.title,
      },
      repository: { full_name: "caro-sh/caro" },
    });
    await send("release", {
      action: "published",
      release: { tag_name: "v9.9.9", draft: false, prerelease: false },
      repository: { full_name: "caro-sh/caro" },
    });
    const status = await waitFor("the case to resolve", async () => {
      const res = await fetch(`${publicUrl}/v1/cases/${caseId}`);
      const json = await res.json();
      return json.status === "resolved" ? json : undefined;
    }, 15_000);
    detail(`${caseId}: ${JSON.stringify(status)}`);

    step("The next caro run tells the reporter");
    const notices = await caro(["notifications", "--refresh"], env);
    detail((notices.stdout + notices.stderr).trim());
    if (notices.code !== 0) throw new DemoError(`caro notifications exited ${notices.code}`);
    detail(`public case page: ${publicUrl}/cases/${caseId}`);
    say("\nDone: the loop closed.");
    return 0;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    say(`\n(cleaned up ${dir})`);
  }
}

try {
  Deno.exitCode = await main();
} catch (error) {
  if (!(error instanceof DemoError)) throw error;
  Deno.stderr.writeSync(encoder.encode(`demo: ${error.message}\n`));
  Deno.exitCode = 1;
}
