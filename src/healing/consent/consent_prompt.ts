/**
 * The consent prompt `[Y]es [N]o [D]etails [A]lways [V]never` as a pure
 * state machine: {@link onKey} moves between states on one key press and
 * {@link renderPrompt} says what to print on entering a state. The terminal
 * driver (`ask_consent.ts`) only feeds keys and writes the text to stderr,
 * so tests drive the whole dialogue with key sequences.
 *
 * Nothing is the default: Enter does not mean yes. Ctrl-D and Esc mean No;
 * Ctrl-C interrupts (nothing sent, nothing remembered: `askConsent` throws).
 * The echo is the key pressed (`V`, not the answer's initial), and each
 * answer is at most one line of words: the command's result line follows.
 *
 * @module
 */
import type { ConsentLevel } from "../../protocol/report/schema.ts";

/** What the user answered. */
export type ConsentAnswer = "yes" | "no" | "always" | "never";

/** Where the dialogue is. */
export type PromptState =
  | { screen: "ask" }
  | { screen: "details" }
  | { screen: "unknown-key"; key: string }
  | { screen: "answered"; answer: ConsentAnswer; key: string }
  | { screen: "interrupted" };

/** What the prompt shows: the payload exactly as it would be sent. */
export interface ConsentView {
  level: ConsentLevel;
  /** The pretty-printed JSON payload: these exact bytes are what is sent. */
  payloadText: string;
  /** Hex SHA-256 of the payload's UTF-8 bytes. */
  sha256: string;
  /** One line, e.g. `2 redacted: email 1, ipv4 1`. */
  redactionSummary: string;
  /** The dotted fields present in the payload. */
  fields: readonly string[];
  /** Re-ask after the field set changed: only these fields are new. */
  newFields?: readonly string[];
  /** Where it would go. */
  endpoint: string;
  /** `caro report --export FILE`: the report is written to FILE (`-`: stdout), not sent. */
  exportTo?: string;
}

/** The first state of every dialogue. */
export const INITIAL_PROMPT_STATE: PromptState = { screen: "ask" };

const ANSWERS: Readonly<Record<string, ConsentAnswer>> = {
  y: "yes",
  n: "no",
  a: "always",
  v: "never",
  "\x04": "no", // Ctrl-D
  "\x1b": "no", // Esc
};

/**
 * The next state after one key press. An answered dialogue ignores keys.
 *
 * @example `D` then `Y`
 * ```ts
 * import assert from "node:assert/strict";
 * import { INITIAL_PROMPT_STATE, onKey } from "./consent_prompt.ts";
 * const shown = onKey(INITIAL_PROMPT_STATE, "d");
 * assert(shown.screen === "details");
 * const done = onKey(shown, "Y");
 * assert(done.screen === "answered" && done.answer === "yes");
 * ```
 */
export function onKey(state: PromptState, key: string): PromptState {
  if (state.screen === "answered" || state.screen === "interrupted") return state;
  if (key === "\x03") return { screen: "interrupted" };
  const lower = key.toLowerCase();
  if (lower === "d") return { screen: "details" };
  const answer = ANSWERS[lower];
  if (answer) return { screen: "answered", answer, key: ECHO[key] ?? key.toUpperCase() };
  return { screen: "unknown-key", key };
}

/** How a control key is echoed after the question. */
const ECHO: Readonly<Record<string, string>> = { "\x04": "^D", "\x1b": "Esc" };

const KEYS = "[Y]es [N]o [D]etails [A]lways [V]never ";

/** The question, with the verb of what happens: send, or write the export. */
function question(view: ConsentView): string {
  return `${view.exportTo === undefined ? "Send" : "Write"} this report? ${KEYS}`;
}

/** What Y or A does to the report: "sent" or "written". */
function done(view: ConsentView): string {
  return view.exportTo === undefined ? "sent" : "written";
}

/**
 * The text to print on entering `state` (append-only: no cursor movement,
 * so it reads the same in a terminal, a log and a test).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INITIAL_PROMPT_STATE, renderPrompt } from "./consent_prompt.ts";
 * const view = { level: "minimal" as const, payloadText: "{}\n", sha256: "ab", redactionSummary: "nothing redacted",
 *   fields: ["platform.os"], endpoint: "https://heal.caro.example" };
 * assert(renderPrompt(INITIAL_PROMPT_STATE, view).endsWith("[V]never "));
 * ```
 */
export function renderPrompt(state: PromptState, view: ConsentView): string {
  switch (state.screen) {
    case "ask":
      return introduction(view) + question(view);
    case "details":
      return "D\n" + renderPayload(view) + question(view);
    case "unknown-key":
      return `\nPress Y, N, D, A or V (nothing is ${done(view)} unless you press Y or A).\n` +
        question(view);
    case "answered":
      return `${state.key}\n${confirmation(state.answer, view)}`;
    case "interrupted":
      return "^C\n";
  }
}

function introduction(view: ConsentView): string {
  const lines = [
    "",
    view.exportTo === undefined
      ? "CARO failed. caro can send a private report to the healing service so it gets fixed."
      : "CARO failed. caro can write a private, signed report for the healing service to a file, " +
        "to send from another machine (caro report --submit FILE).",
  ];
  if (view.newFields) {
    lines.push(
      "You chose to always send reports, but caro now collects fields you have not agreed to:",
      ...view.newFields.map((field) => `  + ${field}`),
    );
  } else {
    lines.push(`Consent level: ${view.level}. The report holds only these fields:`);
    lines.push(wrap(view.fields.join(", "), 76).map((line) => `  ${line}`).join("\n"));
  }
  lines.push(
    `Never sent: ${NEVER_SENT[view.level]}`,
    `Redacted before ${
      view.exportTo === undefined ? "sending" : "writing"
    }: ${view.redactionSummary}.`,
    view.exportTo === undefined
      ? `Destination: ${view.endpoint}. Nothing is sent unless you press Y or A.`
      : `Destination: ${view.exportTo === "-" ? "standard output" : view.exportTo}; ` +
        "nothing leaves this machine. Nothing is written unless you press Y or A.",
    "D shows the exact bytes. A/V remember your choice; --no-healing or DO_NOT_TRACK=1 opts out.",
  );
  return lines.join("\n") + "\n";
}

const NEVER_SENT: Readonly<Record<ConsentLevel, string>> = {
  minimal:
    "your request (not even its shape), the generated command, error text, paths, environment values, file contents.",
  standard: "the generated command, error text, environment values, file contents. " +
    "Your request goes as its shape: its words, with paths, numbers, quoted text and URLs " +
    "replaced by placeholders, after redaction.",
  full: "environment values, file contents, anything the sanitizer redacted.",
};

/**
 * The exact-payload block `D` shows: the bytes between the markers, the
 * redaction summary and the SHA-256. Also printed again when the payload
 * changed after the prompt (a contact added), so what was shown is what is sent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderPayload } from "./consent_prompt.ts";
 * const text = renderPayload({ payloadText: "{}\n", sha256: "ab", redactionSummary: "nothing redacted" });
 * assert.equal(text, "--- exact payload, 3 bytes ---\n{}\n--- end of payload ---\nRedacted: nothing redacted\nSHA-256: ab\n");
 * ```
 */
export function renderPayload(
  view: Pick<ConsentView, "payloadText" | "sha256" | "redactionSummary">,
): string {
  const bytes = new TextEncoder().encode(view.payloadText).length;
  return [
    `--- exact payload, ${bytes} bytes ---`,
    view.payloadText.replace(/\n$/, ""),
    "--- end of payload ---",
    `Redacted: ${view.redactionSummary}`,
    `SHA-256: ${view.sha256}`,
    "",
  ].join("\n");
}

/** The one line (or none: the result line says "not sent") after the echo. */
function confirmation(answer: ConsentAnswer, view: ConsentView): string {
  const doing = view.exportTo === undefined ? "Sending" : "Writing";
  switch (answer) {
    case "yes":
      return `${doing} this report.\n`;
    case "no":
      return "";
    case "always":
      return `${doing}; later reports at this level are sent without asking ` +
        "(caro config unset healing.remember to be asked again).\n";
    case "never":
      return "caro will not ask again and sends nothing " +
        "(caro config unset healing.remember to be asked again).\n";
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
