/**
 * Test helper: a parser for the block-YAML subset that
 * tools/release_workflow.ts writes (mappings, `- ` sequences, plain and
 * double-quoted scalars, `|` literals, `#` comment lines). Anything outside
 * the subset throws, so a hand edit the generator cannot express is caught.
 *
 * @module
 */
import type { YamlValue } from "../../tools/release_workflow.ts";

interface Line {
  indent: number;
  text: string;
  raw: string;
  number: number;
}

/**
 * Parses `text` (subset above) into plain data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseYamlSubset } from "./yaml_subset.ts";
 * assert(JSON.stringify(parseYamlSubset("a:\n  - b: 1\n")) === '{"a":[{"b":1}]}');
 * ```
 */
export function parseYamlSubset(text: string): YamlValue {
  const lines: Line[] = text.split("\n").flatMap((raw, index) => {
    const body = raw.trimStart();
    if (body === "" || body.startsWith("#")) return [];
    return [{ indent: raw.length - body.length, text: body, raw, number: index + 1 }];
  });
  const [value, next] = parseBlock(lines, 0, 0);
  if (next !== lines.length) throw new Error(`line ${lines[next].number}: unexpected indentation`);
  return value;
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  return lines[start].text.startsWith("- ")
    ? parseSequence(lines, start, indent)
    : parseMapping(lines, start, indent);
}

function parseSequence(lines: Line[], start: number, indent: number): [YamlValue[], number] {
  const items: YamlValue[] = [];
  let i = start;
  while (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith("- ")) {
    const rest = lines[i].text.slice(2);
    if (/^[A-Za-z0-9_-]+:( |$)/.test(rest)) {
      lines[i] = { ...lines[i], indent: indent + 2, text: rest };
      const [item, next] = parseMapping(lines, i, indent + 2);
      items.push(item);
      i = next;
    } else {
      items.push(scalar(rest, lines[i].number));
      i++;
    }
  }
  return [items, i];
}

function parseMapping(
  lines: Line[],
  start: number,
  indent: number,
): [{ [key: string]: YamlValue }, number] {
  const map: { [key: string]: YamlValue } = {};
  let i = start;
  while (i < lines.length && lines[i].indent === indent) {
    const match = lines[i].text.match(/^([A-Za-z0-9_-]+):(?: (.*))?$/);
    if (!match) throw new Error(`line ${lines[i].number}: expected "key: value"`);
    const [, key, rest] = match;
    if (key in map) throw new Error(`line ${lines[i].number}: duplicate key "${key}"`);
    i++;
    if (rest === undefined) {
      if (i >= lines.length || lines[i].indent <= indent) {
        throw new Error(`line ${lines[i - 1].number}: "${key}" has no value`);
      }
      const [value, next] = parseBlock(lines, i, lines[i].indent);
      map[key] = value;
      i = next;
    } else if (rest === "|") {
      let body = "";
      while (i < lines.length && lines[i].indent > indent) {
        body += `${lines[i].raw.slice(indent + 2)}\n`;
        i++;
      }
      map[key] = body;
    } else {
      map[key] = scalar(rest, lines[i - 1].number);
    }
  }
  return [map, i];
}

function scalar(text: string, line: number): YamlValue {
  if (text.startsWith('"')) return JSON.parse(text);
  if (/^['&*!|>%@`[{]/.test(text) || / #/.test(text) || /: /.test(text)) {
    throw new Error(`line ${line}: scalar outside the subset: ${text}`);
  }
  if (text === "true" || text === "false") return text === "true";
  if (/^[0-9]+$/.test(text)) return Number(text);
  return text;
}
