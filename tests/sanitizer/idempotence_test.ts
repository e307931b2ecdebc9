/**
 * Idempotence: a second sanitizer run over the first run's output changes
 * nothing. The service screens every string of an incoming report with the
 * same `sanitizeText` and quarantines a report it would change, so a second
 * run change quarantines an honest, already sanitized report. Checked for
 * every line of every corpus in this folder and for seeded hostile inputs
 * from the sanitizer fuzz generator, each as written, lowercased, and as the
 * request shape the client sends and the service folds (`foldRequestShape`).
 * No timing.
 */
import { deepEqual } from "node:assert/strict";
import { sanitizeText } from "../../src/sanitizer/mod.ts";
import { secondRunChange } from "../../tools/fuzz/second_run.ts";
import { sanitizerInputText, sanitizerTarget } from "../../tools/fuzz/targets/sanitizer_target.ts";
import { seededRandom } from "../../tools/chaos/seeded_random.ts";

/** Generated hostile inputs checked; growth runs are cut to this many characters. */
const GENERATED = 1500;
const GROWTH_SIZE = 2048;

function findings(label: string, text: string): string[] {
  const found: string[] = [];
  for (const [shape, input] of [["", text], [" lowercased", text.toLowerCase()]]) {
    const change = secondRunChange(input);
    if (change !== undefined) found.push(`${label}${shape}: ${change}`);
  }
  return found;
}

const corpora = [...Deno.readDirSync(new URL(".", import.meta.url))]
  .map((entry) => entry.name).filter((name) => name.endsWith(".jsonl")).sort();

Deno.test("a second run changes no line of any corpus (as written, lowercased, folded)", async () => {
  const found: string[] = [];
  let lines = 0;
  for (const name of corpora) {
    const text = await Deno.readTextFile(new URL(name, import.meta.url));
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const item = JSON.parse(line) as { id: string; text: string };
      lines++;
      found.push(...findings(`${name} ${item.id}`, item.text));
    }
  }
  deepEqual({ lines: lines > 2800, changed: found.length, found }, {
    lines: true,
    changed: 0,
    found: [],
  });
});

Deno.test(`a second run changes none of ${GENERATED} seeded hostile inputs`, async () => {
  const found: string[] = [];
  for (let seed = 1; seed <= GENERATED; seed++) {
    const text = sanitizerInputText(
      await sanitizerTarget.generate(seededRandom(seed)),
      GROWTH_SIZE,
    );
    if (text !== undefined) found.push(...findings(`seed ${seed}`, text));
  }
  deepEqual({ changed: found.length, found }, { changed: 0, found: [] });
});

Deno.test("placeholders are read as placeholders: what the first run kept, the second keeps", () => {
  const cases: [string, string][] = [
    [
      "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM",
      "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.<SECRET:jwt>",
    ],
    ["Connect to ::ffff:10.20.30.40 now", "Connect to ::ffff:<IP> now"],
    ["NAT64: 64:ff9b::192.0.2.33", "NAT64: 64:ff9b::<IP>"],
    ["via 2001:db8::8a2e:192.168.0.1", "via <IPV6><IP>"],
    [
      "cmdkey /add:server01 /user:CORP\\jsmith /pass:Hunter2!",
      "cmdkey /add:server01 /user:CORP\\<USER> /pass:<PASSWORD>",
    ],
    ["psql -hdb.vandelay-industries.io -Ujdoe -p 25060", "psql -h<HOST> -U<USER> -p 25060"],
    [
      "http --auth-type=bearer --auth=16xS5CAjlbvSQz7YnByHeA5Qz1Lug1fqmec0prQ3 GET /items",
      "http --auth-type=bearer --auth=<SECRET> GET /items",
    ],
    [
      "/home/jdoe SG.0zH5yT6TtwrJgt6y.dxN2F6hEUQ3W-xKHGpTAx8c-JMlDFeuscos-3r-ag_B",
      "/home/<USER> <SECRET:token>",
    ],
    [
      "set pass to hunter2 0xakia0xakia0xakia0xakia",
      "set pass to <PASSWORD> 0xakia0xakia0xakia0xakia",
    ],
    ["ollama pull hf.co/org/model", "ollama pull hf.co/org/model"],
    ["er@t:/home/jdoe", "er@t:/home/<USER>"],
    ["call 01-01-01-01-01-001-01-0101", "call 01-01-01-01-01-<PHONE>"],
    ["download node-v<NUM>-linux-x64 now", "download node-v<NUM>-linux-x64 now"],
  ];
  const wrong = cases.flatMap(([text, expected]) => {
    const first = sanitizeText(text).text;
    const second = sanitizeText(first).text;
    return first === expected && second === expected ? [] : [{ text, expected, first, second }];
  });
  deepEqual(wrong, []);
});
