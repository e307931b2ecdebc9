/**
 * Fuzz target `queue`: the queue file reader (src/healing/queue/). One
 * fuzzed file is written as `<id>.report` into a real queue directory next to
 * one good entry, then `scanQueue` runs. It must not throw; the good entry
 * must come back byte for byte; the fuzzed file must either come back (and
 * then be exactly what its header promises) or be set aside as `.corrupt`,
 * never vanish; and `decodeQueueEntry` alone may only throw `CorruptQueueFile`.
 *
 * Inputs: valid entries mutated or truncated, headers with fields of the wrong
 * type or another JSON value altogether, raw bytes, and untouched entries.
 *
 * @module
 */
import { join } from "node:path";
import {
  CorruptQueueFile,
  decodeQueueEntry,
  encodeQueueEntry,
} from "../../../src/healing/queue/queue_entry.ts";
import { sha256Hex } from "../../../src/platform/hex.ts";
import { CORRUPT_SUFFIX, ENTRY_SUFFIX, queueDir } from "../../../src/healing/queue/queue_paths.ts";
import { scanQueue } from "../../../src/healing/queue/scan_queue.ts";
import { type SeededRandom, seededRandom } from "../../chaos/seeded_random.ts";
import { describeThrown, type FuzzTarget } from "../fuzz_target.ts";
import { mutateBytes } from "../mutate_bytes.ts";

const FUZZ_ID = "r_fuzzed";
const GOOD_ID = "r_good";
const encoder = new TextEncoder();

function validEntry(random: SeededRandom, reportId = FUZZ_ID): Promise<Uint8Array> {
  const body = encoder.encode(
    JSON.stringify({ schema_version: 1, id: reportId, note: "é".repeat(random.int(0, 40)) }),
  );
  return encodeQueueEntry({
    reportId,
    queuedAt: random.int(0, 2 ** 40),
    attempts: random.int(0, 9),
    nextRetryAt: random.int(0, 2 ** 40),
    lastError: random.chance(0.5) ? "503 from the service" : undefined,
    body,
  });
}

async function oddHeader(random: SeededRandom): Promise<Uint8Array> {
  const entry = new TextDecoder().decode(await validEntry(random));
  const newline = entry.indexOf("\n");
  const head = JSON.parse(entry.slice(0, newline));
  const body = entry.slice(newline + 1);
  const odd = [null, true, 0, -1, 1e308, "12", "", [], {}, "../../etc/passwd", 2 ** 53 + 1];
  let header: unknown = head;
  if (random.chance(0.3)) header = random.pick(odd);
  else {
    for (let k = random.int(1, 3); k > 0; k--) {
      head[random.pick(Object.keys(head).concat("extra"))] = random.pick(odd);
    }
  }
  return encoder.encode(`${JSON.stringify(header)}\n${body}`);
}

/** Checks one queue file's bytes; the finding in words, or `undefined`. */
export async function checkQueueFile(bytes: Uint8Array): Promise<string | undefined> {
  try {
    await decodeQueueEntry(bytes);
  } catch (error) {
    if (!(error instanceof CorruptQueueFile)) return `decodeQueueEntry ${describeThrown(error)}`;
  }
  const dataDir = await Deno.makeTempDir({ prefix: "caro-fuzz-queue-" });
  try {
    const dir = queueDir(dataDir);
    await Deno.mkdir(dir, { recursive: true });
    const good = await validEntry(seededRandom(1), GOOD_ID);
    await Deno.writeFile(join(dir, `${GOOD_ID}${ENTRY_SUFFIX}`), good);
    await Deno.writeFile(join(dir, `${FUZZ_ID}${ENTRY_SUFFIX}`), bytes);
    let scan;
    try {
      scan = await scanQueue(dataDir, Date.now());
    } catch (error) {
      return `scanQueue ${describeThrown(error)}`;
    }
    const goodBack = scan.entries.find((e) => e.reportId === GOOD_ID);
    if (!goodBack || (await decodeQueueEntry(good)).body.join() !== goodBack.body.join()) {
      return "the good entry next to the fuzzed one did not come back intact";
    }
    const fuzzedBack = scan.entries.find((e) => e.reportId === FUZZ_ID);
    const setAside = scan.corrupt.some((c) => c.file === `${FUZZ_ID}${ENTRY_SUFFIX}`);
    if (fuzzedBack && setAside) return "the fuzzed file was both read and set aside";
    if (!fuzzedBack && !setAside) return "the fuzzed file was neither read nor set aside";
    if (setAside) {
      const kept = await Deno.stat(join(dir, `${FUZZ_ID}${ENTRY_SUFFIX}${CORRUPT_SUFFIX}`))
        .catch(() => undefined);
      if (!kept) return "a set-aside file is gone instead of kept as .corrupt";
    }
    if (fuzzedBack) {
      const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(10))));
      if (await sha256Hex(fuzzedBack.body) !== head.body_sha256) {
        return "an entry came back whose body does not match its header's SHA-256";
      }
    }
    if (scan.entries.length + scan.corrupt.length !== 2) {
      return `scan saw ${scan.entries.length} entries and ${scan.corrupt.length} corrupt files for 2 files`;
    }
    return undefined;
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** The `queue` fuzz target. */
export const queueTarget: FuzzTarget = {
  name: "queue",
  async generate(random) {
    const roll = random.next();
    if (roll < 0.45) return mutateBytes(await validEntry(random), random);
    if (roll < 0.6) {
      const entry = await validEntry(random);
      return entry.subarray(0, random.int(0, entry.length - 1));
    }
    if (roll < 0.8) return await oddHeader(random);
    if (roll < 0.9) {
      return Uint8Array.from({ length: random.int(0, 300) }, () => random.int(0, 255));
    }
    return await validEntry(random);
  },
  check: checkQueueFile,
};
