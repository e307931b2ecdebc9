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
 * `function f(a){…}` becomes `var f=(function(a){…});` (the function still
 * takes the name "f" from its binding), moved to the top of the module
 * (after a hashbang line, if any), and `;` is left where the declaration
 * was. A function declaration is initialised before any
 * statement of its module runs, and so is that `var`, because it is the
 * module's first statement. (Imports are hoisted either way.)
 *
 * Where the two forms differ, the declaration is left as it is:
 * - a function whose name is assigned anywhere in the module: inside a
 *   named function expression its own name is read-only, and calls to
 *   itself would not see a replacement;
 * - a static import cycle, where a module can call an imported function
 *   before the exporting module ran: {@link staticImportCycle} finds those
 *   among a bundle's chunks (esbuild names them `./<chunk>.js`), and the
 *   bundle step refuses to go on when there is one. Dynamic imports are no
 *   such case: the hoisted `var`s run before a module's first `await`.
 *
 * @module
 */
import { type AnyNode, type FunctionDeclaration, parse, type Program } from "acorn";

function parseModule(source: string): Program {
  return parse(source, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true });
}

/** Every node below `node`, depth first. */
function* descendants(node: AnyNode): Generator<AnyNode> {
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object" && typeof child.type === "string") {
        yield child as AnyNode;
        yield* descendants(child as AnyNode);
      }
    }
  }
}

/** Names the module assigns to anywhere (`f = …`, `f++`, `for (f of …)`, patterns). */
function assignedNames(program: Program): Set<string> {
  const names = new Set<string>();
  // The bindings a target writes: `x.f = …` writes a property, not `f`.
  const addTargets = (target: AnyNode | null): void => {
    if (!target) return;
    if (target.type === "Identifier") names.add(target.name);
    else if (target.type === "ObjectPattern") {
      for (const property of target.properties) {
        addTargets(property.type === "RestElement" ? property.argument : property.value);
      }
    } else if (target.type === "ArrayPattern") target.elements.forEach(addTargets);
    else if (target.type === "AssignmentPattern") addTargets(target.left);
    else if (target.type === "RestElement") addTargets(target.argument);
  };
  for (const node of descendants(program)) {
    if (node.type === "AssignmentExpression") addTargets(node.left);
    else if (node.type === "UpdateExpression") addTargets(node.argument);
    else if (
      (node.type === "ForInStatement" || node.type === "ForOfStatement") &&
      node.left.type !== "VariableDeclaration"
    ) addTargets(node.left);
  }
  return names;
}

/**
 * `source` with each top-level function declaration turned into an eagerly
 * compiled `var` (same name, same `fn.name`) at the top of the module.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eagerTopLevelFunctions } from "./eager_compile.ts";
 * const out = eagerTopLevelFunctions("export{f};let x=f(1);function f(a){return a+1}");
 * assert(out === "var f=(function(a){return a+1});export{f};let x=f(1);;");
 * ```
 */
export function eagerTopLevelFunctions(source: string): string {
  const program = parseModule(source);
  const assigned = assignedNames(program);
  const declarations = program.body.filter((node): node is FunctionDeclaration =>
    node.type === "FunctionDeclaration" && !assigned.has(node.id.name)
  );
  const hashbang = /^#![^\n]*\n?/.exec(source)?.[0] ?? "";
  let hoisted = "";
  let rest = "";
  let position = hashbang.length;
  for (const declaration of declarations) {
    const name = declaration.id.name;
    // `var f=(function(…){…})` names the function "f" as the declaration did (a
    // parenthesized anonymous function takes its binding's name), without spelling it twice.
    const keyword = source.slice(declaration.start, declaration.id.start).trimEnd();
    hoisted += `var ${name}=(${keyword}${source.slice(declaration.id.end, declaration.end)});`;
    // `;` keeps the statements around the declaration apart (no ASI surprise).
    rest += source.slice(position, declaration.start) + ";";
    position = declaration.end;
  }
  return hashbang + hoisted + rest + source.slice(position);
}

/**
 * The specifiers a module imports statically (`import … from`,
 * `export … from`, bare `import "x"`); dynamic `import()` is left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { staticImports } from "./eager_compile.ts";
 * const found = staticImports('import{a}from"./a.js";import"./b.js";export*from"./c.js";import("./d.js")');
 * assert(found.join() === "./a.js,./b.js,./c.js");
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
 * The chunks `entry` loads, statically or by a literal `import()`, and
 * theirs in turn, without entering a chunk for which `outside` is true.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reachableChunks } from "./eager_compile.ts";
 * const chunks = { "main.js": 'import"./a.js";import("./b.js");import("./p.js")', "a.js": "",
 *   "b.js": "", "p.js": 'import"./c.js"', "c.js": "" };
 * const found = reachableChunks(chunks, "main.js", (name) => name === "p.js");
 * assert.deepEqual([...found].sort(), ["a.js", "b.js", "main.js"]);
 * ```
 */
export function reachableChunks(
  chunks: Record<string, string>,
  entry: string,
  outside: (name: string) => boolean,
): Set<string> {
  const found = new Set<string>();
  const visit = (name: string): void => {
    if (found.has(name) || outside(name) || chunks[name] === undefined) return;
    found.add(name);
    const program = parseModule(chunks[name]);
    const dynamic = [...descendants(program)].flatMap((node) =>
      node.type === "ImportExpression" && node.source.type === "Literal" ? [node.source.value] : []
    );
    for (const specifier of [...staticImports(chunks[name]), ...dynamic]) {
      if (typeof specifier === "string") visit(specifier.replace(/^\.\//, ""));
    }
  };
  visit(entry);
  return found;
}

/**
 * A static import cycle among a bundle's chunks (as `a.js → b.js → a.js`),
 * or `undefined` when the chunk graph has none. Keys are chunk file names;
 * values are their sources; specifiers are `./<name>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { staticImportCycle } from "./eager_compile.ts";
 * assert(staticImportCycle({ "a.js": 'import"./b.js"', "b.js": "" }) === undefined);
 * const cycle = staticImportCycle({ "a.js": 'import"./b.js"', "b.js": 'import"./a.js"' });
 * assert(cycle === "a.js → b.js → a.js");
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
