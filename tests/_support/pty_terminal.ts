/**
 * A process on a pseudo-terminal (util-linux `script`) for end-to-end tests
 * where a terminal matters: what it printed so far, and a keyboard.
 *
 * @module
 */

/** Whether `script` (util-linux) is here to make pseudo-terminals. */
export const HAS_SCRIPT: boolean = Deno.build.os !== "windows" &&
  new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync()
    .success;

/**
 * `text` as one POSIX shell word.
 *
 * @example A quote inside
 * ```ts
 * import assert from "node:assert/strict";
 * import { shellQuote } from "./pty_terminal.ts";
 * assert.equal(shellQuote("it's"), "'it'\\''s'");
 * ```
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * A shell command line run on a pseudo-terminal, with nothing of the parent's
 * environment but PATH (and TERM=xterm) unless `env` gives it.
 *
 * @example A command sees a terminal
 * ```ts
 * import assert from "node:assert/strict";
 * import { HAS_SCRIPT, Terminal } from "./pty_terminal.ts";
 * if (HAS_SCRIPT) {
 *   const terminal = new Terminal("test -t 1 && echo tty", {});
 *   assert.equal(await terminal.exit(), 0);
 *   assert.match(terminal.screen, /tty/);
 * }
 * ```
 */
export class Terminal {
  #screen = "";
  #waiters: (() => void)[] = [];
  readonly #child: Deno.ChildProcess;
  readonly #keyboard: WritableStreamDefaultWriter<Uint8Array>;
  readonly done: Promise<void>;

  constructor(command: string, env: Record<string, string>) {
    const child = new Deno.Command("script", {
      args: ["-qfec", command, "/dev/null"],
      env: { PATH: Deno.env.get("PATH") ?? "", TERM: "xterm", ...env },
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
