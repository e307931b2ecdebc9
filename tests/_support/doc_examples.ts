/**
 * Doc examples as one test module. `deno test --doc` runs each example as a
 * module of its own in a fresh worker, so ~300 examples reload the same module
 * graph ~300 times (4.5 min on 2 cores). Here every runnable example becomes a
 * `Deno.test` in one generated module: its imports become dynamic `import()`s
 * of the same modules, so the graph loads once and the examples run in seconds.
 *
 * What counts as an example is what `deno test --doc` runs: a fenced
 * `ts`/`tsx`/`typescript`/`js` block inside a JSDoc comment, unless the fence
 * says `ignore`.
 *
 * @module
 */

/** One runnable example found in a module's doc comments. */
export interface DocExample {
  /** The module, repository-relative (`src/platform/hex.ts`). */
  module: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The example's code, without the leading ` * `. */
  code: string;
  /** Whether the block is TSX (its module is a `.tsx` file or the fence says so). */
  jsx: boolean;
}

const FENCE_OPEN = /^\s*\*?\s?```(ts|tsx|typescript|js|javascript)\b(.*)$/;
const FENCE_CLOSE = /^\s*\*?\s?```\s*$/;

/**
 * Finds the runnable examples in one module's source.
 *
 * @example Two examples, one ignored
 * ```ts
 * import assert from "node:assert/strict";
 * import { extractDocExamples } from "./doc_examples.ts";
 * const fence = "`".repeat(3);
 * const source = [
 *   "/**", ` * ${fence}ts`, " * one();", ` * ${fence}`,
 *   ` * ${fence}ts ignore`, " * two();", ` * ${fence}`, " *" + "/",
 * ].join("\n");
 * const examples = extractDocExamples("src/x.ts", source);
 * assert.deepEqual(examples.map((e) => [e.line, e.code]), [[2, "one();"]]);
 * ```
 */
export function extractDocExamples(module: string, source: string): DocExample[] {
  const examples: DocExample[] = [];
  const lines = source.split("\n");
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!inComment) {
      if (line.includes("/**")) inComment = !line.slice(line.indexOf("/**") + 3).includes("*/");
      continue;
    }
    if (line.includes("*/")) {
      inComment = false;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (!open) continue;
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end])) {
      body.push(lines[end].replace(/^\s*\*( |$)/, ""));
      end++;
    }
    if (!/\bignore\b/.test(open[2])) {
      examples.push({
        module,
        line: i + 1,
        code: body.join("\n"),
        jsx: open[1] === "tsx" || module.endsWith(".tsx"),
      });
    }
    i = end;
  }
  return examples;
}

const STATIC_IMPORT =
  /^\s*import\s+(type\s+)?([\s\S]*?)\s*from\s*["']([^"']+)["']\s*;?|^\s*import\s*["']([^"']+)["']\s*;?/gm;

/**
 * Rewrites an example's static imports into dynamic ones, resolving relative
 * specifiers against its module's URL, so the example can run as the body of
 * an async function anywhere. Type-only imports are dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dynamicImports } from "./doc_examples.ts";
 * const code = 'import assert from "node:assert/strict";\nimport { a, b as c, type T } from "./m.ts";';
 * assert.equal(
 *   dynamicImports(code, "file:///r/src/x.ts"),
 *   'const { default: assert } = await import("node:assert/strict");\n' +
 *     'const { a, b: c } = await import("file:///r/src/m.ts");',
 * );
 * ```
 */
export function dynamicImports(code: string, moduleUrl: string): string {
  return code.replace(STATIC_IMPORT, (_all, typeOnly, clause, from, bare) => {
    const specifier = (from ?? bare) as string;
    const target = specifier.startsWith(".") ? new URL(specifier, moduleUrl).href : specifier;
    const load = `await import(${JSON.stringify(target)})`;
    if (bare !== undefined) return `${load};`;
    if (typeOnly) return "";
    const bindings: string[] = [];
    let rest = (clause as string).trim();
    const star = /^\*\s+as\s+(\w+)$/.exec(rest);
    if (star) return `const ${star[1]} = ${load};`;
    const named = /\{([\s\S]*)\}/.exec(rest);
    if (named) {
      rest = rest.replace(named[0], "").replace(/,\s*$/, "").trim();
      for (const part of named[1].split(",").map((p) => p.trim()).filter(Boolean)) {
        if (part.startsWith("type ")) continue;
        const [name, alias] = part.split(/\s+as\s+/);
        bindings.push(alias ? `${name}: ${alias}` : name);
      }
    }
    if (rest) bindings.unshift(`default: ${rest.replace(/,$/, "").trim()}`);
    return bindings.length ? `const { ${bindings.join(", ")} } = ${load};` : `${load};`;
  });
}

/**
 * One test module running `examples` in order, each as a `Deno.test` named
 * after its module and line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testModuleFor } from "./doc_examples.ts";
 * const text = testModuleFor([{ module: "src/x.ts", line: 3, code: "one();", jsx: false }], "file:///r/");
 * assert.match(text, /Deno\.test\("src\/x\.ts:3", async \(\) => \{\none\(\);\n\}\);/);
 * ```
 */
export function testModuleFor(examples: readonly DocExample[], rootUrl: string): string {
  return examples.map((example) => {
    const body = dynamicImports(example.code, new URL(example.module, rootUrl).href);
    return `Deno.test(${
      JSON.stringify(`${example.module}:${example.line}`)
    }, async () => {\n${body}\n});\n`;
  }).join("\n");
}
