/**
 * The real `caro report` in a pseudo-terminal (util-linux `script`): the
 * consent prompt appears on the terminal, `D` shows the exact payload and
 * its SHA-256, `Y` sends it, Enter skips the contact, and the one report the
 * local service receives hashes to the SHA-256 the preview showed.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { filesUnder, sha256, startCountingService } from "./counting_service.ts";
import { HAS_SCRIPT, shellQuote, Terminal } from "../../_support/pty_terminal.ts";
import {
  currentOs,
  exactPermissionFlags,
  LAUNCHER_PERMISSION_FLAGS,
} from "../../../src/cli/permissions.ts";

const MAIN = fileURLToPath(new URL("../../../main.ts", import.meta.url));
const LAUNCHER = fileURLToPath(new URL("../../../tools/caro.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../../deno.json", import.meta.url));

/** `caro report ARGS…` in a pseudo-terminal, against `endpoint`, with everything under `home`. */
function reportTerminal(home: string, endpoint: string, args: string[]): Terminal {
  const command = [Deno.execPath(), "run", "-A", MAIN, "report", ...args].join(" ");
  return new Terminal(command, {
    CARO_HOME: home,
    CARO_HEALING_ENDPOINT: endpoint,
    HOME: home,
    NO_COLOR: "1",
  });
}

Deno.test({
  name: "pseudo-terminal: caro report, D then Y, the sent bytes hash to the previewed SHA-256",
  ignore: !HAS_SCRIPT,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-pty-" });
    try {
      const terminal = reportTerminal(home, service.url, [
        "--request",
        shellQuote("compress /home/ada/photos and upload to nas.ada-home.lan"),
        "--failure-type",
        "generation",
        "--stage",
        "parsing",
      ]);
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
      match(terminal.screen, /Redacted: 2 redacted: home_user 1, hostname 1\n/);
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
  name:
    "pseudo-terminal: a contact typed after Y, the final bytes are shown and their SHA-256 is the sent body's",
  ignore: !HAS_SCRIPT,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-pty-" });
    try {
      const terminal = reportTerminal(home, service.url, [
        "--request",
        shellQuote("list big files"),
        "--failure-type",
        "generation",
      ]);
      await terminal.waitFor(/\[V\]never $/);
      await terminal.press("D");
      const [, firstHash] = await terminal.waitFor(/SHA-256: ([0-9a-f]{64})\n[^\n]*\[V\]never $/);
      await terminal.press("Y");
      await terminal.waitFor(/Enter for none: $/);
      await terminal.press("github:ada-l\r");
      await terminal.waitFor(/submitted [0-9a-f-]{36} /);
      equal(await terminal.exit(), 0);

      equal(service.reports().length, 1);
      const body = service.reports()[0].body;
      const shown = [...terminal.screen.matchAll(/SHA-256: ([0-9a-f]{64})/g)].map((m) => m[1]);
      equal(shown.length, 2, "the preview, then the final bytes after the contact");
      equal(shown[0], firstHash);
      equal(shown[1], await sha256(body), "the last hash printed is the sent body's");
      const blocks = [
        ...terminal.screen.matchAll(
          /--- exact payload, \d+ bytes ---\n([\s\S]*?)\n--- end of payload ---/g,
        ),
      ];
      equal(
        blocks.at(-1)![1] + "\n",
        new TextDecoder().decode(body),
        "the last bytes shown are sent",
      );
      deepEqual(JSON.parse(blocks.at(-1)![1]).contact, { method: "github", value: "ada-l" });
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});

Deno.test({
  name: "pseudo-terminal: N sends nothing; stderr not a terminal means no prompt at all",
  ignore: !HAS_SCRIPT,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-pty-" });
    try {
      const env = {
        CARO_HOME: home,
        CARO_HEALING_ENDPOINT: service.url,
        HOME: home,
        NO_COLOR: "1",
      };
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

Deno.test({
  name: "pseudo-terminal, exact flags: each key at the consent prompt, and the words it prints",
  ignore: !HAS_SCRIPT,
  async fn(t) {
    const service = startCountingService();
    try {
      const walk = async (keys: string[], after?: (terminal: Terminal) => Promise<void>) => {
        const home = await Deno.makeTempDir({ prefix: "caro-keys-" });
        const env = { CARO_HOME: home, CARO_HEALING_ENDPOINT: service.url, HOME: home };
        const flags = exactPermissionFlags(
          (name) => (env as Record<string, string>)[name],
          currentOs(),
        );
        const terminal = new Terminal(
          [Deno.execPath(), "run", "--quiet", "--no-prompt", ...flags, MAIN, "report"]
            .concat(["--failure-type", "generation", "--request", shellQuote("list big files")])
            .map((word) => word.startsWith("'") ? word : shellQuote(word)).join(" "),
          env,
        );
        await terminal.waitFor(/\[V\]never $/);
        for (const key of keys) await terminal.press(key);
        if (after) await after(terminal);
        const code = await terminal.exit();
        const config = await Deno.readTextFile(`${home}/config/config.toml`).catch(() => "");
        await Deno.remove(home, { recursive: true });
        return { code, screen: terminal.screen, config };
      };
      const before = () => service.reports().length;

      await t.step(
        "the first screen: at standard level the request goes as its shape",
        async () => {
          const { screen } = await walk(["n"]);
          match(screen, /Consent level: standard\./);
          match(
            screen,
            /Your request goes as its shape: its words, with paths, numbers, quoted text/,
          );
          ok(!screen.includes("only its shape"));
        },
      );
      await t.step("N: the echo, then one line, nothing sent", async () => {
        const sent = before();
        const { code, screen, config } = await walk(["n"]);
        equal(code, 0);
        match(screen, /\[V\]never N\nnot sent \(declined\)\n$/);
        equal(service.reports().length, sent);
        equal(config, "");
      });
      await t.step("D: the exact payload, then the question again", async () => {
        const { screen } = await walk(["d", "n"]);
        match(screen, /--- exact payload, \d+ bytes ---\n\{[\s\S]*--- end of payload ---\n/);
        match(screen, /SHA-256: [0-9a-f]{64}\nSend this report\? [^\n]*\[V\]never N\n/);
      });
      await t.step("Y: sends once", async () => {
        const sent = before();
        const { code, screen } = await walk(["y"], async (terminal) => {
          await terminal.waitFor(/Enter for none: $/);
          await terminal.press("\r");
          await terminal.waitFor(/submitted /);
        });
        equal(code, 0);
        match(screen, /\[V\]never Y\nSending this report\.\n/);
        equal(service.reports().length, sent + 1);
      });
      await t.step("A: sends and remembers; says how to be asked again", async () => {
        const { code, screen, config } = await walk(["a"], async (terminal) => {
          await terminal.waitFor(/Enter for none: $/);
          await terminal.press("\r");
          await terminal.waitFor(/submitted /);
        });
        equal(code, 0);
        match(
          screen,
          /\[V\]never A\nSending; later reports at this level are sent without asking \(caro config unset healing\.remember to be asked again\)\.\n/,
        );
        match(config, /remember = "always"/);
      });
      await t.step("V: the echo is V, not N; the hint never turns on sending", async () => {
        const sent = before();
        const { code, screen, config } = await walk(["V"]);
        equal(code, 0);
        match(
          screen,
          /\[V\]never V\ncaro will not ask again and sends nothing \(caro config unset healing\.remember to be asked again\)\.\nnot sent \(never\)\n$/,
        );
        ok(!screen.includes("remember always"));
        match(config, /remember = "never"/);
        equal(service.reports().length, sent);
      });
      await t.step("Ctrl-C: nothing sent, nothing remembered, exit 130", async () => {
        const sent = before();
        const { code, screen, config } = await walk(["\x03"]);
        equal(code, 130);
        match(
          screen,
          /\[V\]never \^C\nerror: interrupted: nothing was sent and nothing was remembered\n$/,
        );
        equal(config, "");
        equal(service.reports().length, sent);
      });
      await t.step(
        "A, then Ctrl-C at the contact question: nothing sent, nothing remembered, exit 130",
        async () => {
          const sent = before();
          const { code, screen, config } = await walk(["a"], async (terminal) => {
            await terminal.waitFor(/Enter for none: $/);
            await terminal.press("\x03");
            await terminal.waitFor(/interrupted/);
          });
          equal(code, 130);
          match(
            screen,
            /Enter for none: \^C\nerror: interrupted: nothing was sent and nothing was remembered\n$/,
          );
          equal(config, "", "Always is not remembered");
          equal(service.reports().length, sent);
        },
      );
    } finally {
      await service.close();
    }
  },
});

Deno.test({
  name:
    "pseudo-terminal, through the launcher (deno task caro): Ctrl-C at the contact question ends caro too, exit 130",
  ignore: !HAS_SCRIPT,
  async fn() {
    const service = startCountingService();
    const home = await Deno.makeTempDir({ prefix: "caro-launcher-pty-" });
    const marker = `launcher-ctrl-c-${crypto.randomUUID()}`;
    try {
      // As in a shell: the terminal stays open after caro returns (the
      // `sleep`), so a caro child the launcher left behind would still run.
      const caro = [Deno.execPath(), "run", "--quiet", "--config", CONFIG]
        .concat(LAUNCHER_PERMISSION_FLAGS, LAUNCHER, "report", "--failure-type", "generation")
        .concat("--request", marker).map(shellQuote).join(" ");
      const terminal = new Terminal(`trap : INT; ${caro}; echo "rc=$?"; sleep 2`, {
        CARO_HOME: home,
        CARO_HEALING_ENDPOINT: service.url,
        HOME: home,
      });
      await terminal.waitFor(/\[V\]never $/);
      await terminal.press("y");
      await terminal.waitFor(/Enter for none: $/);
      await terminal.press("\x03");
      await terminal.waitFor(/rc=\d+/);
      // The caro the launcher starts runs main.ts (the shell's line names only the launcher).
      const child = `main\\.ts report --failure-type generation --request ${marker}`;
      const left = await new Deno.Command("pgrep", { args: ["-f", child], stdout: "piped" })
        .output();
      equal(new TextDecoder().decode(left.stdout), "", "no caro process left behind");
      match(
        terminal.screen,
        /error: interrupted: nothing was sent and nothing was remembered\nrc=130\n/,
      );
      await terminal.exit();
      equal(service.reports().length, 0);
    } finally {
      await service.close();
      await Deno.remove(home, { recursive: true });
    }
  },
});
