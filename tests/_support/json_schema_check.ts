/**
 * A JSON Schema (draft 2020-12) checker for the subset of keywords our
 * generated contracts use. Any other keyword is an error, so a contract that
 * grows a keyword this checker does not know makes the tests fail instead of
 * passing unchecked. `format` is informative only (the generated schemas
 * carry a `pattern` beside each format).
 *
 * @module
 */

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "$schema",
  "$id",
  "title",
  "description",
  "type",
  "const",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "anyOf",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "maxItems",
  "minItems",
  "pattern",
  "format",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  if (type === "integer") return Number.isInteger(value);
  return typeOf(value) === type;
}

/**
 * Lists every way `value` breaks `schema` (empty when it conforms), each as
 * `path: problem`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { schemaErrors } from "./json_schema_check.ts";
 * const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
 * assert(schemaErrors(schema, {})[0] === "$: missing required a");
 * ```
 */
export function schemaErrors(schema: Schema, value: unknown, path = "$"): string[] {
  const errors: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) throw new Error(`${path}: schema keyword ${key} is not supported`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string];
    if (!types.some((type) => typeMatches(type, value))) {
      return [`${path}: expected ${types.join("|")}, got ${typeOf(value)}`];
    }
  }
  if ("const" in schema && schema.const !== value) errors.push(`${path}: expected ${schema.const}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  }
  if (schema.anyOf) {
    const options = schema.anyOf as Schema[];
    if (!options.some((option) => schemaErrors(option, value, path).length === 0)) {
      errors.push(`${path}: matches none of anyOf`);
    }
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
      errors.push(`${path}: below ${schema.minimum}`);
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
      errors.push(`${path}: above ${schema.maximum}`);
    }
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) {
      errors.push(`${path}: shorter than ${schema.minLength}`);
    }
    if (typeof schema.maxLength === "number" && length > schema.maxLength) {
      errors.push(`${path}: longer than ${schema.maxLength}`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      errors.push(`${path}: does not match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
      errors.push(`${path}: more than ${schema.maxItems} items`);
    }
    if (typeof schema.minItems === "number" && value.length < schema.minItems) {
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    }
    if (schema.items) {
      value.forEach((item, i) =>
        errors.push(...schemaErrors(schema.items as Schema, item, `${path}[${i}]`))
      );
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) errors.push(`${path}: missing required ${name}`);
    }
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...schemaErrors(properties[name], item, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${name}`);
    }
  }
  return errors;
}
