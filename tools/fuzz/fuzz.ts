/**
 * `deno task fuzz:<target> -- --seed S --count N`: fuzzes one target
 * (`api`, `config`, `queue`, `sanitizer`: here with its timed linear-time
 * check, which the test suite leaves out), prints one line per finding and a
 * summary, saves each failing input under `tests/fuzz/corpus/<target>/`
 * (replayed by `tests/fuzz/regressions_test.ts`), and exits 1 when anything
 * was found.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { FuzzTarget } from "./fuzz_target.ts";
import { runFuzz } from "./run_fuzz.ts";

const TARGETS: Record<string, () => Promise<FuzzTarget>> = {
  api: async () => (await import("./targets/api_target.ts")).startApiTarget(),
  config: async () => (await import("./targets/config_target.ts")).configTarget,
  queue: async () => (await import("./targets/queue_target.ts")).queueTarget,
  sanitizer: async () => (await import("./targets/sanitizer_target.ts")).sanitizerTimedTarget,
};

const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));

async function main(args: string[]): Promise<number> {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    const value = at >= 0 ? Number(args[at + 1]) : fallback;
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
    return value;
  };
  const name = args[0];
  if (!(name in TARGETS)) {
    say(`usage: fuzz.ts ${Object.keys(TARGETS).join("|")} [--seed S] [--count N]`);
    return 2;
  }
  const seed = option("--seed", 1);
  const count = option("--count", 1000);
  const target = await TARGETS[name]();
  const corpusDir = fileURLToPath(new URL(`../../tests/fuzz/corpus/${name}`, import.meta.url));
  const started = performance.now();
  try {
    const summary = await runFuzz(target, { seed, count, corpusDir });
    for (const finding of summary.findings) {
      const where = finding.knownAs
        ? `known: fails like ${finding.knownAs}`
        : `new, saved as ${finding.savedAs}`;
      say(`finding #${finding.index}: ${finding.message} (${where})`);
    }
    if (target.tally) say(`outcomes: ${JSON.stringify(target.tally())}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(
      `fuzz ${name}: seed ${seed}, ${summary.inputs} inputs, ${summary.findings.length} findings, ${seconds} s`,
    );
    return summary.findings.length ? 1 : 0;
  } finally {
    await target.close?.();
  }
}

if (import.meta.main) Deno.exitCode = await main(Deno.args);
