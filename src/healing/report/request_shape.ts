/**
 * The shape of a request: what kind of thing was asked, without the words
 * that make it personal. Quoted strings, URLs, paths and numbers are folded
 * into `<STR>`, `<URL>`, `<PATH>` and `<N>`; what is left (verbs, tool names,
 * flags) is what lets the service group failures. The result still goes
 * through the sanitizer before it is sent.
 *
 * @module
 */

const FOLDS: readonly [RegExp, string][] = [
  [/"[^"\n]{0,512}"|'[^'\n]{0,512}'|`[^`\n]{0,512}`/g, "<STR>"],
  [/\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>]{1,2048}/gi, "<URL>"],
  [/(?:~|\.{1,2})?(?:\/[^\s/"'<>]{1,255}){1,64}\/?|\b[A-Za-z]:\\[^\s"'<>]{0,2048}/g, "<PATH>"],
  [/\b\d+(?:[.,:]\d+)*\b/g, "<N>"],
];

/**
 * Folds the personal parts of a request into placeholders.
 *
 * @example
 * ```ts
 * import { requestShape } from "./request_shape.ts";
 * const shape = requestShape('find files over 100 MB in /home/ada/videos named "holiday"');
 * console.assert(shape === "find files over <N> MB in <PATH> named <STR>");
 * ```
 */
export function requestShape(request: string): string {
  let shape = request.replace(/\s+/g, " ").trim();
  for (const [pattern, placeholder] of FOLDS) shape = shape.replace(pattern, placeholder);
  return shape;
}

/**
 * A rough 0–100 size of a request: words, pipes and chained clauses.
 *
 * @example
 * ```ts
 * import { complexityScore } from "./request_shape.ts";
 * console.assert(complexityScore("list files") < complexityScore("list files, sort by size and then delete the oldest"));
 * ```
 */
export function complexityScore(request: string): number {
  const words = request.split(/\s+/).filter(Boolean).length;
  const clauses = (request.match(/\b(?:and|then|or|but|unless|except)\b|[|;,&]/gi) ?? []).length;
  return Math.min(100, words * 3 + clauses * 8);
}
