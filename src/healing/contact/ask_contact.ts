/**
 * Asks for a contact after consent, on a terminal: one line, validated,
 * asked again (up to three times) with the reason when it is not valid.
 * Empty or `none` means no contact. Ctrl-C (the signal aborted) stops it at
 * once, although the terminal's read is still waiting for a line.
 *
 * @module
 */
import { type Contact, parseContact } from "./parse_contact.ts";
import { ConsentInterrupted } from "../consent/consent_interrupted.ts";

const QUESTION =
  "How can we tell you when it is fixed? e-mail, @x_handle, github:username, or Enter for none: ";

/**
 * Runs the contact question over a line source; the end of input means none.
 * When `signal` aborts (Ctrl-C) it throws {@link ConsentInterrupted}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { askContact } from "./ask_contact.ts";
 * async function* lines() { yield "ada"; yield "@ada"; }
 * const contact = await askContact({ lines: lines(), write: () => {} });
 * assert(contact?.value === "@ada");
 * ```
 */
export async function askContact(options: {
  lines: AsyncIterable<string>;
  write: (text: string) => void;
  attempts?: number;
  signal?: AbortSignal;
}): Promise<Contact | null> {
  let left = options.attempts ?? 3;
  options.write(QUESTION);
  const lines = options.lines[Symbol.asyncIterator]();
  while (true) {
    const next = await untilInterrupted(lines.next(), options.signal, options.write);
    if (next.done) break;
    const line = next.value;
    const parsed = parseContact(line);
    if (parsed.ok) return parsed.contact;
    left--;
    if (left === 0) {
      options.write(`${parsed.message}; sending without a contact.\n`);
      return null;
    }
    options.write(`${parsed.message}.\n${QUESTION}`);
  }
  options.write("\n");
  return null;
}

/** `promise`, or {@link ConsentInterrupted} (on a line of its own) as soon as `signal` aborts. */
function untilInterrupted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  write: (text: string) => void,
): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const interrupted = () => {
      write("\n");
      reject(new ConsentInterrupted());
    };
    if (signal.aborted) return interrupted();
    signal.addEventListener("abort", interrupted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", interrupted));
  });
}

/**
 * Lines typed on the terminal (cooked mode), without their line ending.
 *
 * @example
 * ```ts ignore
 * import { terminalLines } from "./ask_contact.ts";
 * for await (const line of terminalLines()) { if (line === "") break; }
 * ```
 */
export async function* terminalLines(
  stdin: { read(buffer: Uint8Array): Promise<number | null> } = Deno.stdin,
): AsyncGenerator<string> {
  const buffer = new Uint8Array(256);
  const decoder = new TextDecoder();
  let pending = "";
  let afterCarriageReturn = false;
  while (true) {
    const count = await stdin.read(buffer);
    if (count === null) {
      if (pending) yield pending;
      return;
    }
    pending += decoder.decode(buffer.subarray(0, count), { stream: true });
    if (afterCarriageReturn && pending.startsWith("\n")) pending = pending.slice(1);
    afterCarriageReturn = false;
    let end: number;
    while ((end = pending.search(/[\r\n]/)) !== -1) {
      const line = pending.slice(0, end);
      const ending = pending.startsWith("\r\n", end) ? 2 : 1;
      afterCarriageReturn = ending === 1 && pending[end] === "\r" && end === pending.length - 1;
      pending = pending.slice(end + ending);
      yield line;
    }
  }
}
