/**
 * Finds where a key is written in a TOML text, so a problem can name its line.
 *
 * @module
 */

/**
 * The 1-based line of `key` inside `[section]` (or at the top level when
 * `section` is empty), or `undefined` when the text does not spell it out
 * plainly (inline tables, dotted keys). One pass, linear in the text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyLine } from "./key_line.ts";
 * const text = "[backend]\ntype = 'x'\n\n[healing]\nenabled = 3\n";
 * assert(keyLine(text, "healing", "enabled") === 5);
 * assert(keyLine(text, "healing", "endpoint") === undefined);
 * ```
 */
export function keyLine(text: string, section: string, key: string): number | undefined {
  let current = "";
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    const header = /^\[\s*([A-Za-z0-9_.-]+)\s*\]/.exec(line);
    if (header) {
      current = header[1];
      continue;
    }
    if (current !== section) continue;
    const name = /^["']?([A-Za-z0-9_-]+)["']?\s*=/.exec(line);
    if (name && name[1] === key) return index + 1;
  }
  return undefined;
}
