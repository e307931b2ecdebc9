import { equal, match, ok, rejects } from "node:assert/strict";
import { askConsent } from "./ask_consent.ts";
import { ConsentInterrupted } from "./consent_interrupted.ts";
import type { ConsentView } from "./consent_prompt.ts";

const VIEW: ConsentView = {
  level: "standard",
  payloadText: '{\n  "id": "x"\n}\n',
  sha256: "0f".repeat(32),
  redactionSummary: "1 redacted: email 1",
  fields: ["platform.os", "shell.name"],
  endpoint: "https://heal.caro.example",
};

async function press(keys: string, view: ConsentView = VIEW) {
  let screen = "";
  async function* source() {
    for (const key of keys) yield key;
  }
  const answer = await askConsent({ view, keys: source(), write: (t) => (screen += t) });
  return { answer, screen };
}

const sequences: [string, string][] = [
  ["y", "yes"],
  ["Y", "yes"],
  ["n", "no"],
  ["a", "always"],
  ["V", "never"],
  ["dy", "yes"],
  ["dDn", "no"],
  ["\r\nx y", "yes"],
  ["\x1b", "no"],
  ["", "no"],
  ["dd", "no"],
];
for (const [keys, expected] of sequences) {
  Deno.test(`keys ${JSON.stringify(keys)} answer ${expected}`, async () => {
    equal((await press(keys)).answer, expected);
  });
}

Deno.test("D shows the exact payload, the redaction summary and its SHA-256", async () => {
  const { screen } = await press("dy");
  ok(screen.includes(VIEW.payloadText));
  match(screen, /--- exact payload, 16 bytes ---/);
  match(screen, /Redacted: 1 redacted: email 1/);
  ok(screen.includes(`SHA-256: ${VIEW.sha256}`));
  match(screen, /Sending this report\.\n$/);
});

Deno.test("the payload is not shown before D", async () => {
  const { screen } = await press("n");
  ok(!screen.includes('"id": "x"'));
  match(screen, /\[Y\]es \[N\]o \[D\]etails \[A\]lways \[V\]never N\n$/);
});

Deno.test("each answer echoes the key pressed and says what happens, once", async () => {
  const ends: [string, RegExp][] = [
    ["y", /\[V\]never Y\nSending this report\.\n$/],
    ["n", /\[V\]never N\n$/],
    [
      "a",
      /\[V\]never A\nSending; later reports at this level are sent without asking \(caro config unset healing\.remember to be asked again\)\.\n$/,
    ],
    [
      "v",
      /\[V\]never V\ncaro will not ask again and sends nothing \(caro config unset healing\.remember to be asked again\)\.\n$/,
    ],
    ["\x1b", /\[V\]never Esc\n$/],
  ];
  for (const [key, end] of ends) match((await press(key)).screen, end, JSON.stringify(key));
});

Deno.test("Ctrl-C interrupts: askConsent throws, exit 130, nothing answered", async () => {
  let screen = "";
  async function* source() {
    yield "\x03";
    yield "y";
  }
  await rejects(
    askConsent({ view: VIEW, keys: source(), write: (t) => (screen += t) }),
    (error) => error instanceof ConsentInterrupted && error.exitCode === 130,
  );
  match(screen, /\[V\]never \^C\n$/);
});

Deno.test("standard level: the prompt says the request's words go, as its shape", async () => {
  const { screen } = await press("n");
  match(screen, /Your request goes as its shape: its words, with paths, numbers, quoted text/);
  ok(!screen.includes("only its shape"));
});

Deno.test("Enter is not yes: an unknown key repeats the question", async () => {
  const { answer, screen } = await press("\r");
  equal(answer, "no");
  match(screen, /Press Y, N, D, A or V/);
});

Deno.test("a re-ask lists only the new fields", async () => {
  const { screen } = await press("n", { ...VIEW, newFields: ["request.text"] });
  match(screen, /not agreed to:\n {2}\+ request\.text\n/);
  ok(!screen.includes("shell.name"));
});

Deno.test("terminal keys: raw mode on while reading, restored after", async () => {
  const { terminalKeys } = await import("./ask_consent.ts");
  const modes: boolean[] = [];
  const chunks = [new TextEncoder().encode("dy")];
  const stdin = {
    setRaw: (mode: boolean) => void modes.push(mode),
    read: (buffer: Uint8Array) => {
      const chunk = chunks.shift();
      if (!chunk) return Promise.resolve(null);
      buffer.set(chunk);
      return Promise.resolve(chunk.length);
    },
  };
  const answer = await askConsent({ view: VIEW, keys: terminalKeys(stdin), write: () => {} });
  equal(answer, "yes");
  equal(modes.join(","), "true,false");
});

Deno.test("report --export: the words say the report is written to the file, not sent", async () => {
  const view = { ...VIEW, exportTo: "/media/usb/report.json" };
  const { screen } = await press("xy", view);
  match(screen, /caro can write a private, signed report for the healing service to a file/);
  match(screen, /Redacted before writing: 1 redacted: email 1\./);
  match(
    screen,
    /Destination: \/media\/usb\/report\.json; nothing leaves this machine\. Nothing is written unless/,
  );
  match(screen, /\(nothing is written unless you press Y or A\)\.\nWrite this report\? \[Y\]es/);
  match(screen, /\[V\]never Y\nWriting this report\.\n$/);
  ok(!/Send this report|Sending|heal\.caro\.example/.test(screen));
  const toStdout = await press("n", { ...VIEW, exportTo: "-" });
  match(toStdout.screen, /Destination: standard output;/);
});
