/**
 * Fuzz target `config`: `parseConfig` (src/config/load_config.ts) must never
 * throw, whatever the file holds; every problem names the file, a line inside
 * it (when it names one) and fits on one line; every value it keeps has the
 * type and range the key allows. Inputs: TOML built from the known keys with
 * values of every type, byte mutations of valid files, deep nesting, raw bytes.
 *
 * @module
 */
import { formatConfigProblem, parseConfig } from "../../../src/config/load_config.ts";
import type { SeededRandom } from "../../chaos/seeded_random.ts";
import { describeThrown, type FuzzTarget } from "../fuzz_target.ts";
import { mutateBytes } from "../mutate_bytes.ts";

const FILE = "/fuzz/config.toml";
const SECTIONS: Record<string, string[]> = {
  backend: ["type", "model", "endpoint"],
  safety: ["level", "allow_sudo"],
  healing: [
    "enabled",
    "consent_level",
    "contact",
    "show_notifications",
    "endpoint",
    "remember",
    "consent_version",
  ],
};
const VALID = `[backend]
type = "ollama"
model = "qwen2.5-coder:7b"
endpoint = "http://127.0.0.1:11434"

[safety]
level = "moderate"

[healing]
enabled = true
consent_level = "standard"
contact = "ada@example.org"
show_notifications = true
endpoint = "https://heal.caro.example"
remember = "always"
consent_version = 1
`;

/** Values each known key accepts, so that documents also exercise the keep path. */
const GOOD_VALUES: Record<string, string[]> = {
  type: ['"ollama"', '"embedded"', '"openai_compatible"'],
  model: ['"qwen2.5-coder:7b"', '""'],
  endpoint: ['"http://127.0.0.1:11434"', '"https://heal.caro.example/x"'],
  level: ['"strict"', '"permissive"'],
  enabled: ["true", "false"],
  consent_level: ['"minimal"', '"full"'],
  contact: ['"ada@example.org"', '"@ada"'],
  show_notifications: ["true", "false"],
  remember: ['"always"', '"never"'],
  consent_version: ["0", "3", "9007199254740993"],
};

function value(random: SeededRandom, depth = 0, key = ""): string {
  if (depth === 0 && key in GOOD_VALUES && random.chance(0.4)) {
    return random.pick(GOOD_VALUES[key]);
  }
  const kinds = [
    () => `"${random.pick(["ollama", "full", "strict", "always", "", "http://x", "ht tp://"])}"`,
    () => `"${"\\u00e9\\t\\\\".repeat(random.int(0, 3))}${"x".repeat(random.int(0, 300))}"`,
    () => `'''${random.pick(["\n", "a\nb", "x'", "''x"])}'''`,
    () => `"""\n${random.pick(["multi", "\\\n  line", '"'])}"""`,
    () => String(random.pick([0, 1, -1, 2 ** 53, 1.5, -0]) ?? 0),
    () => random.pick(["9223372036854775807", "-9223372036854775808", "99999999999999999999"]),
    () => random.pick(["inf", "-inf", "nan", "1e999", "0x1F", "0o17", "0b101", "1_000"]),
    () => random.pick(["true", "false", "True", "yes"]),
    () => random.pick(["1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "2026-13-45"]),
    () =>
      depth > 3
        ? "[]"
        : `[${Array.from({ length: random.int(0, 3) }, () => value(random, depth + 1))}]`,
    () =>
      depth > 3
        ? "{}"
        : `{ ${
          Array.from({ length: random.int(0, 2) }, (_, k) => `k${k} = ${value(random, depth + 1)}`)
            .join(", ")
        } }`,
  ];
  return random.pick(kinds)();
}

function schemaDocument(random: SeededRandom): string {
  const lines: string[] = [];
  // Mostly well-formed TOML (each section and key once), so the value checks get exercised.
  const unique = random.chance(0.8);
  const sections = new Set<string>();
  for (let s = random.int(0, 5); s > 0; s--) {
    const section = random.pick([...Object.keys(SECTIONS), "other", "healing.sub"]);
    if (unique && sections.has(section)) continue;
    sections.add(section);
    const keys = new Set<string>();
    const header = random.pick([
      `[${section}]`,
      `[[${section}]]`,
      `[ ${section} ]`,
      `${section} = 3`,
    ]);
    lines.push(header);
    for (let k = random.int(0, 6); k > 0; k--) {
      const key = random.pick([...(SECTIONS[section] ?? ["x"]), "unknown", '"quoted key"', "a.b"]);
      if (unique && keys.has(key)) continue;
      keys.add(key);
      lines.push(`${key} = ${value(random, 0, key)}${random.chance(0.2) ? " # comment" : ""}`);
    }
    if (!unique && random.chance(0.2)) lines.push(`healing.enabled = ${value(random)}`);
  }
  return lines.join(random.pick(["\n", "\r\n", "\n\n"]));
}

function deepDocument(random: SeededRandom): string {
  const depth = random.int(100, 20_000);
  return random.chance(0.5)
    ? `[healing]\nenabled = ${"[".repeat(depth)}${"]".repeat(depth)}\n`
    : `[healing]\ncontact = ${"{a=".repeat(depth)}1${"}".repeat(depth)}\n`;
}

const TEXT_KEYS: Record<string, (v: unknown) => boolean> = {
  "backend.type": (v) =>
    ["embedded", "ollama", "vllm", "mlx", "openai_compatible"].includes(v as string),
  "backend.model": (v) => typeof v === "string",
  "backend.endpoint": (v) => typeof v === "string" && /^https?:\/\/[^\s/]+/.test(v),
  "safety.level": (v) => ["strict", "moderate", "permissive"].includes(v as string),
  "healing.enabled": (v) => typeof v === "boolean",
  "healing.consent_level": (v) => ["minimal", "standard", "full"].includes(v as string),
  "healing.contact": (v) => typeof v === "string",
  "healing.show_notifications": (v) => typeof v === "boolean",
  "healing.endpoint": (v) => typeof v === "string" && /^https?:\/\/[^\s/]+/.test(v),
  "healing.remember": (v) => v === "always" || v === "never",
  "healing.consent_version": (v) => typeof v === "number" && Number.isInteger(v) && v >= 0,
};

/** Checks one config text; the finding in words, or `undefined`. */
export function checkConfigText(text: string): string | undefined {
  let result: ReturnType<typeof parseConfig>;
  try {
    result = parseConfig(text, FILE);
  } catch (error) {
    return `parseConfig ${describeThrown(error)}`;
  }
  const lineCount = text.split("\n").length;
  for (const problem of result.problems) {
    if (problem.file !== FILE) return `problem names file ${problem.file}`;
    if (!problem.message) return "problem without a message";
    if (
      problem.line !== undefined &&
      (!Number.isInteger(problem.line) || problem.line < 1 || problem.line > lineCount)
    ) {
      return `problem line ${problem.line} outside the file (${lineCount} lines)`;
    }
    if (/[\r\n]/.test(formatConfigProblem(problem))) return "problem is not one line";
  }
  for (const [path, valid] of Object.entries(TEXT_KEYS)) {
    const [section, key] = path.split(".");
    const kept =
      (result.config as unknown as Record<string, Record<string, unknown>>)[section][key];
    if (kept !== undefined && !valid(kept)) return `kept an invalid ${path}`;
  }
  return undefined;
}

/** The `config` fuzz target. */
export const configTarget: FuzzTarget = {
  name: "config",
  generate(random) {
    const encode = (text: string) => new TextEncoder().encode(text);
    const roll = random.next();
    if (roll < 0.4) return encode(schemaDocument(random));
    if (roll < 0.8) {
      return mutateBytes(encode(random.chance(0.5) ? VALID : schemaDocument(random)), random);
    }
    if (roll < 0.9) return encode(deepDocument(random));
    return Uint8Array.from({ length: random.int(0, 200) }, () => random.int(0, 255));
  },
  check: (input) => Promise.resolve(checkConfigText(new TextDecoder().decode(input))),
};
