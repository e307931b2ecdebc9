/**
 * Byte-level mutations for fuzzing: flips, overwrites with edge values,
 * inserts, deletions, duplicated or truncated runs, and splices of
 * tokens that often break parsers. One to a few per call, seeded.
 *
 * @module
 */
import type { SeededRandom } from "../chaos/seeded_random.ts";

const EDGE_BYTES = [
  0x00,
  0x0a,
  0x0d,
  0x22,
  0x27,
  0x5c,
  0x7b,
  0x7d,
  0x5b,
  0x5d,
  0x7f,
  0x80,
  0xc3,
  0xff,
];
const TOKENS = [
  "\n",
  "\r\n",
  '"',
  "\\u0000",
  "\\ud800",
  "{",
  "}",
  "[",
  "]",
  "null",
  "-1",
  "1e309",
  "9007199254740993",
  "[[[[[[[[[[",
  "\xff\xfe",
  "=",
  "'''",
  '"""',
];

/**
 * Returns a mutated copy of `input` (1–4 mutations).
 *
 * @example The same seed mutates the same way
 * ```ts
 * import assert from "node:assert/strict";
 * import { mutateBytes } from "./mutate_bytes.ts";
 * import { seededRandom } from "../chaos/seeded_random.ts";
 * const input = new TextEncoder().encode('{"a":1}');
 * const a = mutateBytes(input, seededRandom(3)), b = mutateBytes(input, seededRandom(3));
 * assert(a.join() === b.join());
 * ```
 */
export function mutateBytes(input: Uint8Array, random: SeededRandom): Uint8Array {
  let bytes = [...input];
  const rounds = random.int(1, 4);
  for (let r = 0; r < rounds; r++) {
    const at = random.int(0, bytes.length);
    switch (random.int(0, 7)) {
      case 0:
        if (bytes.length) bytes[at % bytes.length] ^= 1 << random.int(0, 7);
        break;
      case 1:
        if (bytes.length) bytes[at % bytes.length] = random.pick(EDGE_BYTES);
        break;
      case 2:
        bytes.splice(at, 0, random.int(0, 255));
        break;
      case 3:
        bytes.splice(at, random.int(1, 16));
        break;
      case 4: {
        const run = bytes.slice(at, at + random.int(1, 64));
        const times = random.int(1, 64);
        for (let k = 0; k < times; k++) bytes.splice(at, 0, ...run);
        break;
      }
      case 5:
        bytes = bytes.slice(0, at);
        break;
      default: {
        const token = [...new TextEncoder().encode(random.pick(TOKENS))];
        bytes.splice(at, 0, ...token);
      }
    }
  }
  return Uint8Array.from(bytes);
}
