/**
 * The real `caro report` in a pseudo-terminal (util-linux `script`): the
 * consent prompt appears on the terminal, `D` shows the exact payload and
 * its SHA-256, `Y` sends it, Enter skips the contact, and the one report the
 * local service receives hashes to the SHA-256 the preview showed.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { filesUnder, sha256, startCountingService } from "./counting_service.ts";

const MAIN = fileURLToPath(new URL("../../../main.ts", import.meta.url));
const hasScript = new Deno.Command("script", { args: ["--version"] }).outputSync().success;

/** A process on a pseudo-terminal: what it printed so far, and a keyboard. */
class Terminal {
  #screen = "";
  #waiters: (() => void)[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #keyboard: WritableStreamDefaultWriter<Uint8Array>;
  readonly done: Promise<void>;

  constructor(command: string, env: Record<string, string>) {
    const child = new Deno.Command("script", {
      args: ["-qfec", command, "/dev/null"],
      env: { PATH: Deno.env.get("PATH") ?? "", TERM: "xterm", NO_COLOR: "1", ...env },
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#child = child;
    this.#keyboard = child.stdin.getWriter();
    const decoder = new TextDecoder();
    this.done = (async () => {
      for await (const chunk of child.stdout) {
        this.#screen += decoder.decode(chunk, { stream: true });
        this.#waiters.forEach((wake) => wake());
      }
    })();
  }

  get screen(): string {
    return this.#screen.replaceAll("\r\n", "\n");
  }

  /** Waits until the screen matches (a safety limit, not a timing assertion). */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    const limit = Date.now() + 30_000;
    while (true) {
      const found = pattern.exec(this.screen);
      if (found) return found;
      if (Date.now() > limit) throw new Error(`never saw ${pattern} on:\n${this.screen}`);
      await new Promise<void>((wake) => {
        this.#waiters.push(wake);
        setTimeout(wake, 200);
      });
      this.#waiters = [];
    }
  }

  press(keys: string): Promise<void> {
    return this.#keyboard.write(new TextEncoder().encode(keys));
  }

  async exit(): Promise<number> {
    await this.#keyboard.close().catch(() => {});
    await this.done;
    return (await this.#child.status).code;
  }
}

Deno.test({
  name: "pseudo-terminal: caro report, D then Y, the sent bytes hash to the previewed SHA-256",
  ignore: Deno.build.os === "windows" || !hasScript,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-pty-" });
    try {
      const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
      const command = [
        Deno.execPath(),
        "run",
        "-A",
        MAIN,
        "report",
        "--request",
        quote("compress /home/ada/photos and upload to nas.ada-home.lan"),
        "--failure-type",
        "generation",
        "--stage",
        "parsing",
      ].join(" ");
      const terminal = new Terminal(command, {
        CARO_HOME: home,
        CARO_HEALING_ENDPOINT: service.url,
        HOME: home,
      });
      await terminal.waitFor(/\[Y\]es \[N\]o \[D\]etails \[A\]lways \[V\]never $/);
      ok(!terminal.screen.includes("--- exact payload"), "no payload before D");
      await terminal.press("D");
      const [, previewHash] = await terminal.waitFor(/SHA-256: ([0-9a-f]{64})\n[^\n]*\[V\]never $/);
      await terminal.press("Y");
      await terminal.waitFor(/Enter for none: $/);
      await terminal.press("\r");
      const [, reportId] = await terminal.waitFor(/submitted ([0-9a-f-]{36}) CARO-2026-0042 /);
      equal(await terminal.exit(), 0);

      equal(service.reports().length, 1);
      const body = service.reports()[0].body;
      equal(await sha256(body), previewHash);
      const preview = /--- exact payload, \d+ bytes ---\n([\s\S]*?)\n--- end of payload ---/
        .exec(terminal.screen)![1];
      equal(preview + "\n", new TextDecoder().decode(body));
      equal(JSON.parse(preview).id, reportId);
      match(terminal.screen, /Redacted: 1 redacted: hostname 1\n/);
      // The planted user and host, not any "ada" inside a random hex id.
      const sent = new TextDecoder().decode(body);
      for (const planted of ["/home/ada", "ada-home", /\bada\b/]) {
        ok(
          typeof planted === "string" ? !sent.includes(planted) : !planted.test(sent),
          `${planted}`,
        );
      }
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});

Deno.test({
  name: "pseudo-terminal: N sends nothing; stderr not a terminal means no prompt at all",
  ignore: Deno.build.os === "windows" || !hasScript,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-pty-" });
    try {
      const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, HOME: home };
      const base = `${Deno.execPath()} run -A ${MAIN} report --failure-type timeout`;
      const declined = new Terminal(base, env);
      await declined.waitFor(/\[V\]never $/);
      await declined.press("n");
      await declined.waitFor(/not sent \(declined\)\n/);
      equal(await declined.exit(), 0);

      const log = `${home}/stderr.log`;
      const piped = new Terminal(`${base} 2>${log}`, env);
      await piped.waitFor(/not sent \(no-tty\)\n/);
      equal(await piped.exit(), 0);
      ok(!(await Deno.readTextFile(log)).includes("[Y]es"));
      equal(service.arrivals.length, 0);
      deepEqual(await filesUnder(`${home}/data/queue`), [], "nothing queued");
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});
