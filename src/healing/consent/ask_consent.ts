/**
 * Runs the consent dialogue: feeds key presses into the pure state machine
 * of `consent_prompt.ts` and writes what it renders. Keys come from any
 * async source; {@link terminalKeys} reads single key presses from the
 * terminal in raw mode.
 *
 * @module
 */
import {
  type ConsentAnswer,
  type ConsentView,
  INITIAL_PROMPT_STATE,
  onKey,
  renderPrompt,
} from "./consent_prompt.ts";
import { ConsentInterrupted } from "./consent_interrupted.ts";

/**
 * Asks for consent; the end of the key source (EOF) answers No, Ctrl-C
 * throws {@link ConsentInterrupted} (nothing sent or remembered, exit 130).
 *
 * @example Scripted keys
 * ```ts
 * import assert from "node:assert/strict";
 * import { askConsent } from "./ask_consent.ts";
 * async function* keys() { yield "d"; yield "y"; }
 * let shown = "";
 * const answer = await askConsent({
 *   view: { level: "minimal", payloadText: "{}\n", sha256: "44136fa3", redactionSummary: "nothing redacted",
 *     fields: [], endpoint: "https://heal.caro.example" },
 *   keys: keys(), write: (text) => { shown += text; },
 * });
 * assert(answer === "yes" && shown.includes("SHA-256: 44136fa3"));
 * ```
 */
export async function askConsent(options: {
  view: ConsentView;
  keys: AsyncIterable<string>;
  write: (text: string) => void;
}): Promise<ConsentAnswer> {
  let state = INITIAL_PROMPT_STATE;
  options.write(renderPrompt(state, options.view));
  for await (const key of options.keys) {
    state = onKey(state, key);
    options.write(renderPrompt(state, options.view));
    if (state.screen === "interrupted") throw new ConsentInterrupted();
    if (state.screen === "answered") return state.answer;
  }
  const refused = onKey(state, "\x04");
  options.write(renderPrompt(refused, options.view));
  return "no";
}

/**
 * Single key presses from the terminal on stdin, one character at a time.
 * Raw mode goes on when this is called, before the question is printed, so
 * a key pressed at once is never echoed by the terminal as well; it is
 * restored when the keys are no longer read.
 *
 * @example
 * ```ts ignore
 * import { terminalKeys } from "./ask_consent.ts";
 * for await (const key of terminalKeys()) if (key === "q") break;
 * ```
 */
export function terminalKeys(
  stdin: {
    setRaw(mode: boolean): void;
    read(buffer: Uint8Array): Promise<number | null>;
  } = Deno.stdin,
): AsyncGenerator<string> {
  stdin.setRaw(true);
  return rawKeys(stdin);
}

async function* rawKeys(stdin: {
  setRaw(mode: boolean): void;
  read(buffer: Uint8Array): Promise<number | null>;
}): AsyncGenerator<string> {
  const buffer = new Uint8Array(64);
  const decoder = new TextDecoder();
  try {
    while (true) {
      const count = await stdin.read(buffer);
      if (count === null) return;
      for (const char of decoder.decode(buffer.subarray(0, count), { stream: true })) yield char;
    }
  } finally {
    stdin.setRaw(false);
  }
}
