/**
 * Bundle post-processing that makes V8 compile a chunk's top-level
 * functions when the chunk is compiled, so that their bytecode lands in
 * Deno's code cache.
 *
 * Why: Deno writes a module's V8 code cache right after compiling it, and
 * V8 compiles a function declaration lazily, on its first call. So every
 * run of `caro doctor` compiled the doctor's functions again from source
 * (~2 ms of a ~25 ms run). V8 compiles a parenthesized function expression
 * eagerly (its "PIFE" heuristic), so
 * `function f(a){…}` becomes `var f=(function f(a){…});`, moved to the top
 * of the module: a function declaration is initialised before any statement
 * of its module runs, and so is that `var`, because it is the module's first
 * statement. (Imports are hoisted either way.) The one case this does not
 * cover is a static import cycle, where a module can call an imported
 * function before the exporting module ran: {@link staticImportCycle}
 * finds those, and the bundle step refuses to go on when there is one.
 *
 * @module
 */
import { parse, type Program } from "acorn";

function parseModule(source: string): Program {
  return parse(source, { ecmaVersion: "latest", sourceType: "module" });
}

/**
 * `source` with each top-level function declaration turned into an eagerly
 * compiled `var` (same name, same `fn.name`) at the top of the module.
 *
 * @example
 * ```ts
 * import { eagerTopLevelFunctions } from "./eager_compile.ts";
 * const out = eagerTopLevelFunctions("export{f};let x=f(1);function f(a){return a+1}");
 * console.assert(out === "var f=(function f(a){return a+1});export{f};let x=f(1);");
 * ```
 */
export function eagerTopLevelFunctions(source: string): string {
  const declarations = parseModule(source).body.filter((node) =>
    node.type === "FunctionDeclaration"
  );
  let hoisted = "";
  let rest = "";
  let position = 0;
  for (const declaration of declarations) {
    const name = declaration.id.name;
    hoisted += `var ${name}=(${source.slice(declaration.start, declaration.end)});`;
    rest += source.slice(position, declaration.start);
    position = declaration.end;
  }
  return hoisted + rest + source.slice(position);
}

/**
 * The specifiers a module imports statically (`import … from`,
 * `export … from`, bare `import "x"`); dynamic `import()` is left out.
 *
 * @example
 * ```ts
 * import { staticImports } from "./eager_compile.ts";
 * const found = staticImports('import{a}from"./a.js";import"./b.js";export*from"./c.js";import("./d.js")');
 * console.assert(found.join() === "./a.js,./b.js,./c.js");
 * ```
 */
export function staticImports(source: string): string[] {
  return parseModule(source).body.flatMap((node) => {
    const from = node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration" ||
        node.type === "ExportNamedDeclaration"
      ? node.source?.value
      : undefined;
    return typeof from === "string" ? [from] : [];
  });
}

/**
 * A static import cycle among a bundle's chunks (as `a.js → b.js → a.js`),
 * or `undefined` when the chunk graph has none. Keys are chunk file names;
 * values are their sources; specifiers are `./<name>`.
 *
 * @example
 * ```ts
 * import { staticImportCycle } from "./eager_compile.ts";
 * console.assert(staticImportCycle({ "a.js": 'import"./b.js"', "b.js": "" }) === undefined);
 * const cycle = staticImportCycle({ "a.js": 'import"./b.js"', "b.js": 'import"./a.js"' });
 * console.assert(cycle === "a.js → b.js → a.js");
 * ```
 */
export function staticImportCycle(chunks: Record<string, string>): string | undefined {
  const edges = new Map(
    Object.entries(chunks).map(([name, source]) => [
      name,
      staticImports(source).map((specifier) => specifier.replace(/^\.\//, "")),
    ]),
  );
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name].join(" → ");
    if (done.has(name)) return undefined;
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const name of edges.keys()) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}
