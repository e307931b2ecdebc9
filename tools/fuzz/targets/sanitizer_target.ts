/**
 * Fuzz target `sanitizer`: `sanitizeText` against hostile input.
 *
 * - `growth` inputs: a short unit built from tokens that trip naive patterns
 *   (`a@`, `1.`, `/home/`, `ghp_`, `-----BEGIN `…) repeated to 32 KiB, maybe
 *   after an opening that invites a pattern to scan ahead. In the suite
 *   ({@link sanitizerTarget}) they must be sanitized without throwing: no
 *   timing, so the result does not depend on the machine's load. The long runs
 *   (`deno task fuzz:sanitizer`, {@link sanitizerTimedTarget}) also time them:
 *   the time per KiB must not grow more than {@link MAX_GROWTH}× from 4 KiB to
 *   32 KiB (linear stays ~1×, quadratic ~8×), three times over, and a suspect
 *   must grow more than 2 × {@link MAX_GROWTH}× from 4 KiB to 128 KiB too
 *   (quadratic: ~32×), so a busy machine does not make a finding.
 * - `planted` inputs: real-looking secrets and personal data (the sanitizer
 *   test generators) planted between hostile runs, in JSON, URLs, quotes and
 *   CRLF lines; also `user:pass` after `-u`/`--user` of any CLI, prose
 *   "set NAME to VALUE", e-mails with a zero-width character or a full-width
 *   `＠`, and values with NFKC look-alike (full-width) characters. None may
 *   survive, not even a 12-character run of it. Deterministic: this is the
 *   suite's property.
 * - Every input, growth or planted, must also be idempotent: a second run
 *   over the first run's output changes nothing, on the text and on its
 *   folded request shapes ({@link secondRunChange}; the service quarantines a
 *   report its own run would change). Deterministic too.
 *
 * An input is a small JSON document naming its mode, so a saved finding
 * replays exactly.
 *
 * @module
 */
import { sanitizeText } from "../../../src/sanitizer/mod.ts";
import { base62, crc32 } from "../../../src/sanitizer/checksums.ts";
import { createRandom, type RandomValues } from "../../random_values.ts";
import { isRedacted } from "../../evaluate_sanitizer.ts";
import type { SeededRandom } from "../../chaos/seeded_random.ts";
import { describeThrown, type FuzzTarget } from "../fuzz_target.ts";
import { secondRunChange } from "../second_run.ts";

/** Largest accepted growth of the time per KiB when the input grows 8× (timed runs only). */
export const MAX_GROWTH = 3;

const HOSTILE = [
  "a",
  "a@",
  "@",
  "a.",
  "1.",
  "1-",
  "0x",
  "://",
  "/home/",
  "C:\\Users\\",
  "~/",
  "-----BEGIN ",
  "eyJ",
  "ghp_",
  "sk-",
  "AKIA",
  "+1 ",
  "(555) ",
  "=",
  "key=",
  "password ",
  "Bearer ",
  "::",
  "1:",
  "%2F",
  "\\",
  " ",
  "\t",
  "_",
  "xn--",
  "0",
  "ff",
  "A1b2",
  "user@host:",
  "'",
  '"',
  "é",
  "\u200b",
];
const PLANTED = [
  "email",
  "ip_public",
  "ip_private",
  "ipv6_global",
  "mac",
  "aws_key_id",
  "gh_token",
  "gh_pat",
  "gl_token",
  "slack_bot",
  "stripe",
  "openai",
  "anthropic",
  "npm",
  "pypi",
  "hf",
  "sendgrid",
  "card",
  "email_zero_width",
  "email_fullwidth",
];
/** Planted values that may be written with full-width look-alikes. */
const LOOKALIKE_OK = new Set([
  "email",
  "gh_token",
  "gl_token",
  "slack_bot",
  "stripe",
  "openai",
  "npm",
  "hf",
]);

interface GrowthInput {
  mode: "growth";
  unit: string;
  /** Text before and after the run (an opening that a pattern may try to close). */
  prefix?: string;
  suffix?: string;
}

/** Openings that invite a pattern to scan far ahead for its end. */
const OPENINGS = [
  "-----BEGIN RSA PRIVATE KEY-----\n",
  "eyJhbGciOiJIUzI1NiJ9.",
  "https://",
  "postgres://app:",
  "user:",
  "/home/",
  "C:\\Users\\",
  "password=",
  "Authorization: Bearer ",
  '"',
  "'",
  "(",
  "[",
  "+1 (",
  "0x",
];
interface PlantedInput {
  mode: "planted";
  text: string;
  secrets: { category: string; value: string }[];
}

function sanitizeTime(text: string, repeats: number): number {
  let best = Infinity;
  for (let k = 0; k < repeats; k++) {
    const started = performance.now();
    sanitizeText(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function growthText(unit: string, size: number, prefix: string, suffix: string): string {
  return prefix + unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + suffix;
}

/**
 * How much the time per KiB grows from a 4 KiB to a `largeSize` (32 KiB)
 * input made of `unit`. A measurement, for the long fuzz runs and by hand:
 * never asserted in the test suite.
 *
 * @example Two sizes of a plain letter
 * ```ts
 * import assert from "node:assert/strict";
 * import { growthRatio } from "./sanitizer_target.ts";
 * assert(growthRatio("a") > 0);
 * ```
 */
export function growthRatio(unit: string, prefix = "", suffix = "", largeSize = 32768): number {
  const small = growthText(unit, 4096, prefix, suffix);
  const large = growthText(unit, largeSize, prefix, suffix);
  sanitizeText(small); // warm up
  return (sanitizeTime(large, 2) / (largeSize / 4096)) / Math.max(sanitizeTime(small, 5), 0.05);
}

/** Sanitizes a growth input at 32 KiB: it must not throw (the caller catches). */
function checkGrowthUntimed(input: GrowthInput): string | undefined {
  sanitizeText(growthText(input.unit, 32768, input.prefix ?? "", input.suffix ?? ""));
  return undefined;
}

/** The text an input stands for; growth runs are `growthSize` long (32 KiB when checked). */
function inputText(input: GrowthInput | PlantedInput, growthSize: number): string {
  return input.mode === "planted"
    ? input.text
    : growthText(input.unit, growthSize, input.prefix ?? "", input.suffix ?? "");
}

function checkSecondRun(input: GrowthInput | PlantedInput): string | undefined {
  const change = secondRunChange(inputText(input, 32768));
  return change === undefined ? undefined : `a second sanitizer run changed the ${change}`;
}

/**
 * The text of a generated `sanitizer` input (a planted text, or a growth run
 * `growthSize` long), or `undefined` for bytes that are not one: for property
 * tests that draw from the fuzz generator.
 *
 * @example A planted input's text
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizerInputText } from "./sanitizer_target.ts";
 * const bytes = new TextEncoder().encode(JSON.stringify({ mode: "planted", text: "a@b.io", secrets: [] }));
 * assert.equal(sanitizerInputText(bytes, 2048), "a@b.io");
 * ```
 */
export function sanitizerInputText(bytes: Uint8Array, growthSize: number): string | undefined {
  const input = parseInput(bytes);
  return input === undefined ? undefined : inputText(input, growthSize);
}

/** The input in `bytes`, or `undefined` when shrinking broke it. */
function parseInput(bytes: Uint8Array): GrowthInput | PlantedInput | undefined {
  let input: GrowthInput | PlantedInput;
  try {
    input = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined; // shrinking broke the JSON: not this target's input
  }
  if (input?.mode === "growth") {
    const fits = typeof input.unit === "string" && input.unit !== "" &&
      ["prefix", "suffix"].every((k) => {
        const v = (input as unknown as Record<string, unknown>)[k];
        return v === undefined || typeof v === "string";
      });
    return fits ? input : undefined;
  }
  if (input?.mode !== "planted" || typeof input.text !== "string") return undefined;
  return input;
}

function checkGrowthTimed(input: GrowthInput): string | undefined {
  const prefix = input.prefix ?? "";
  const suffix = input.suffix ?? "";
  let ratio = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    ratio = growthRatio(input.unit, prefix, suffix);
    if (ratio <= MAX_GROWTH) return undefined;
  }
  // A suspect: a quadratic pass grows ~32× from 4 KiB to 128 KiB, load does not.
  if (growthRatio(input.unit, prefix, suffix, 131072) <= 2 * MAX_GROWTH) return undefined;
  const around = prefix || suffix
    ? ` (between ${JSON.stringify(prefix)} and ${JSON.stringify(suffix)})`
    : "";
  return `time per KiB grew ${ratio.toFixed(1)}× from 4 KiB to 32 KiB of ${
    JSON.stringify(input.unit.slice(0, 40))
  }${around}`;
}

function checkPlanted(input: PlantedInput): string | undefined {
  const planted = Array.isArray(input.secrets) && typeof input.text === "string" &&
    input.secrets.every((s) =>
      typeof s?.category === "string" && typeof s.value === "string" && input.text.includes(s.value)
    );
  if (!planted) return undefined; // not a well-formed planted input (e.g. while shrinking)
  const output = sanitizeText(input.text).text;
  for (const secret of input.secrets) {
    if (!isRedacted(secret, output)) {
      return `planted ${secret.category} survived: ${JSON.stringify(secret.value)}`;
    }
  }
  return undefined;
}

function hostileUnit(random: SeededRandom): string {
  let unit = "";
  for (let k = random.int(1, 4); k > 0; k--) unit += random.pick(HOSTILE);
  return unit;
}

/** A planted value with the context that makes it a secret. */
type Contextual = (values: RandomValues, random: SeededRandom) => {
  text: string;
  category: string;
  value: string;
};

const CONTEXTUAL: Contextual[] = [
  // user:pass after -u/--user of any CLI.
  (values, random) => {
    const user = values.value("login");
    const value = values.value("pw");
    const pair = `${user}:${value}`;
    const option = random.pick([
      `-u ${pair}`,
      `--user ${pair}`,
      `--user=${pair}`,
      `-u '${pair}'`,
      `--proxy-user "${pair}"`,
    ]);
    const text = `${values.value("cli")} ${option} https://${values.value("host_private")}/`;
    return { text, category: "password", value };
  },
  // Prose: "set NAME to VALUE".
  (values, random) => {
    const name = values.value("secret_var_name");
    const kind = /PASS/.test(name) ? "pw" : random.pick(["secret_alnum", "secret_hex"]);
    const value = values.value(kind);
    const verb = random.pick(["set", "Set", "export", "change", "use"]);
    const subject = random.pick(["", "the env var ", "the variable "]);
    const to = random.pick(["to", "as", "="]);
    return {
      text: `${verb} ${subject}${name} ${to} ${value} and retry`,
      category: values.categoryOf(kind),
      value,
    };
  },
];

function plantedInput(random: SeededRandom): PlantedInput {
  const values = createRandom(random.int(1, 2 ** 31), { crc32, base62 });
  const secrets: PlantedInput["secrets"] = [];
  const parts: string[] = [];
  for (let k = random.int(1, 3); k > 0; k--) {
    const run = hostileUnit(random).repeat(random.int(1, 200));
    if (random.chance(0.25)) {
      const planted = random.pick(CONTEXTUAL)(values, random);
      secrets.push({ category: planted.category, value: planted.value });
      parts.push(`${run}\n${planted.text}\n${run}`);
      continue;
    }
    const kind = random.pick(PLANTED);
    const category = values.categoryOf(kind);
    let value = values.value(kind);
    if (LOOKALIKE_OK.has(kind) && random.chance(0.2)) value = values.lookalike(value);
    secrets.push({ category, value });
    const wrap = random.pick([
      (v: string) => `${run} ${v} ${run}`,
      (v: string) => `${run}\n${v}\r\n${run}`,
      (v: string) => JSON.stringify({ log: `${run} ${v}`, n: 1 }),
      (v: string) => `https://example.org/cb?token=${encodeURIComponent(run)}&v= ${v}`,
      (v: string) => `'${v}' "${v}"`,
      (v: string) => `${v}\t${run}`,
      (v: string) => `(${v})`,
    ]);
    parts.push(wrap(value));
  }
  return { mode: "planted", text: parts.join(random.pick([" ", "\n", "; "])), secrets };
}

/**
 * The `sanitizer` fuzz target; with `timeGrowth`, growth inputs are also timed.
 *
 * @example The suite's target makes the same input from the same seed
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../chaos/seeded_random.ts";
 * import { createSanitizerTarget } from "./sanitizer_target.ts";
 * const target = createSanitizerTarget({ timeGrowth: false });
 * const a = await target.generate(seededRandom(7));
 * assert.deepEqual(a, await target.generate(seededRandom(7)));
 * assert.equal(await target.check(a), undefined);
 * ```
 */
export function createSanitizerTarget({ timeGrowth }: { timeGrowth: boolean }): FuzzTarget {
  const checkGrowth = timeGrowth ? checkGrowthTimed : checkGrowthUntimed;
  return {
    name: "sanitizer",
    generate(random) {
      const input: GrowthInput | PlantedInput = random.chance(0.3)
        ? {
          mode: "growth",
          unit: hostileUnit(random),
          ...(random.chance(0.5) ? { prefix: random.pick(OPENINGS) } : {}),
          ...(random.chance(0.3) ? { suffix: random.pick(OPENINGS) } : {}),
        }
        : plantedInput(random);
      return new TextEncoder().encode(JSON.stringify(input));
    },
    check(bytes) {
      const input = parseInput(bytes);
      if (input === undefined) return Promise.resolve(undefined);
      try {
        const found = input.mode === "growth" ? checkGrowth(input) : checkPlanted(input);
        return Promise.resolve(found ?? checkSecondRun(input));
      } catch (error) {
        return Promise.resolve(`sanitizeText ${describeThrown(error)}`);
      }
    },
  };
}

/** The suite's target (tests/fuzz): deterministic, no timing. */
export const sanitizerTarget: FuzzTarget = createSanitizerTarget({ timeGrowth: false });

/** The long runs' target (`deno task fuzz:sanitizer`): growth inputs are timed too. */
export const sanitizerTimedTarget: FuzzTarget = createSanitizerTarget({ timeGrowth: true });
