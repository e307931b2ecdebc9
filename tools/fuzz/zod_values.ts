/**
 * Values generated from a zod (mini) schema by walking its definition:
 * objects, optionals, enums, literals, strings with length, regex, uuid and
 * datetime checks, integers with bounds, booleans and arrays. With
 * `optionalRate` 0 every optional field is present. Used by the API fuzzer to
 * build reports that pass `DiagnosticReport` before it breaks them.
 *
 * @module
 */
import type { SeededRandom } from "../chaos/seeded_random.ts";

// zod keeps its definition on `_zod.def`; only the parts read here are typed.
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  pattern?: RegExp;
  format?: string;
}
/** Any zod schema. */
export type Schema = { _zod: { def: Def } } | unknown;

const TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:+/@-";
const TEXT_CHARS = "abcdefghij klmnop <USER> /tmp/x.log 42 é\n\t\"'\\";

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

/**
 * Generates a value that `schema` accepts.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as z from "zod/mini";
 * import { valueFromSchema } from "./zod_values.ts";
 * import { seededRandom } from "../chaos/seeded_random.ts";
 * const schema = z.strictObject({ n: z.int().check(z.minimum(1), z.maximum(3)), s: z.enum(["a", "b"]) });
 * assert(schema.safeParse(valueFromSchema(schema, seededRandom(1))).success);
 * ```
 */
export function valueFromSchema(
  schema: Schema,
  random: SeededRandom,
  optionalRate = 0.5,
): unknown {
  const def = (schema as { _zod: { def: Def } })._zod.def;
  const checks = checksOf(def);
  const bound = (name: string, fallback: number) =>
    checks.find((c) => c.check === name)?.[name === "min_length" ? "minimum" : "maximum"] ??
      fallback;
  switch (def.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape!).flatMap(([key, field]) => {
          const optional = (field as { _zod: { def: Def } })._zod.def.type === "optional";
          if (optional && random.next() < optionalRate) return [];
          return [[key, valueFromSchema(field, random, optionalRate)]];
        }),
      );
    case "optional":
      return valueFromSchema(def.innerType, random, optionalRate);
    case "enum":
      return random.pick(Object.values(def.entries!));
    case "literal":
      return random.pick(def.values!);
    case "boolean":
      return random.chance(0.5);
    case "number": {
      const lo = checks.find((c) => c.check === "greater_than")?.value ?? 0;
      const hi = checks.find((c) => c.check === "less_than")?.value ?? 1000;
      return random.int(lo, hi);
    }
    case "array": {
      const max = Math.min(bound("max_length", 4), 4);
      return Array.from(
        { length: random.int(0, max) },
        () => valueFromSchema(def.element, random, optionalRate),
      );
    }
    case "string": {
      if (def.format === "uuid") {
        const hex = (n: number) =>
          Array.from({ length: n }, () => random.int(0, 15).toString(16)).join("");
        return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(["8", "9", "a", "b"])}${hex(3)}-${
          hex(12)
        }`;
      }
      if (def.format === "datetime") return new Date(random.int(1.7e12, 1.8e12)).toISOString();
      const regex = checks.find((c) => c.format === "regex");
      const min = bound("min_length", 0);
      const max = Math.min(bound("max_length", 64), 48);
      const chars = regex ? TOKEN_CHARS : TEXT_CHARS;
      let text = "";
      for (let n = random.int(Math.max(min, 1), Math.max(max, 1)); n > 0; n--) {
        text += random.pick([...chars]);
      }
      return [...text].slice(0, bound("max_length", Infinity)).join("");
    }
    default:
      throw new Error(`valueFromSchema: zod type ${def.type} is not supported`);
  }
}
