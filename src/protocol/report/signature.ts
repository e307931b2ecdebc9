/**
 * The dedup signature of a report: a readable, versioned line that says
 * which problem it is, and a short key hashed from it. Reports with the same
 * key are the same problem (one case). The client computes the same key to
 * ask `GET /v1/known/{key}` before sending anything.
 *
 * `v1|<failure_type>|<stage>|<error_code>|<intent>|<safety ids, sorted>|<category>|<part>`
 *
 * where `<part>` depends on the category ({@link classifyReport}):
 * platform incompatibility → `<os>/<shell>`; backend limitation → the
 * backend type; NL parsing and rule gap → the request shape after folding
 * (paths, URLs, quoted strings, hex, numbers become placeholders); config
 * conflict → the config key names, sorted. Absent fields are `-`. Raw
 * text never enters the signature (the shape is already sanitized and is
 * folded again here). The key is the first 16 hex digits of the SHA-256 of
 * the signature. See `specs/dedup.md`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { type ClassifiableReport, classifyReport } from "./classify.ts";

/** The signature scheme version (first field of every signature). */
export const SIGNATURE_VERSION = "v1";

/** A report's signature and its key. */
export interface ReportSignature {
  /** The readable signature. */
  signature: string;
  /** 16 lower-case hex digits. */
  key: string;
  version: string;
}

/**
 * Folds a request shape: URLs, quoted strings, paths, hex and numbers become
 * `<URL>`, `<STR>`, `<PATH>`, `<HEX>`, `<NUM>`; case and spacing are
 * normalised. Placeholders already present are kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldRequestShape } from "./signature.ts";
 * assert(
 *   foldRequestShape(`Delete  logs older than 30 days in /var/log/app "x y" https://a.b/c 0xdeadbeef`) ===
 *     "delete logs older than <NUM> days in <PATH> <STR> <URL> <HEX>",
 * );
 * assert.equal(foldRequestShape("Mail <EMAIL> The <SECRET:github>"), "mail <EMAIL> the <SECRET:github>");
 * ```
 */
export function foldRequestShape(text: string): string {
  return text
    // Lower case, except a sanitizer's placeholder (`<EMAIL>`, `<SECRET:github>`).
    .replace(
      /<[A-Z][A-Z0-9_]*(?::[a-z0-9_-]+)?>|[^<]+|</g,
      (part) => part.startsWith("<") && part.length > 1 ? part : part.toLowerCase(),
    )
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/g, "<URL>")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "<STR>")
    .replace(/(?:~|\.{1,2})?(?:\/[\w.@%+-]+)+\/?|[a-z]:\\[\w.\\-]*/g, "<PATH>")
    .replace(/\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/g, "<HEX>")
    .replace(/\b\d+(?:[.,:]\d+)*\b/g, "<NUM>")
    .replace(/<(url|str|path|hex|num)>/g, (_, p: string) => `<${p.toUpperCase()}>`)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 256);
}

/**
 * The readable signature of a report (without hashing).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { signatureText } from "./signature.ts";
 * const text = signatureText({
 *   platform: { os: "linux", arch: "x86_64" },
 *   request: { intent_category: "file_management", shape: "delete files older than 7 days" },
 *   failure: { failure_type: "validation", stage: "validation", safety_patterns_triggered: ["rm-rf", "find-delete"] },
 * });
 * assert(text === "v1|validation|validation|-|file_management|find-delete,rm-rf|rule_gap|delete files older than <NUM> days");
 * ```
 */
export function signatureText(report: ClassifiableReport): string {
  const { failure, request } = report;
  const category = classifyReport(report).category;
  const ids = [...failure.safety_patterns_triggered].sort().join(",");
  return [
    SIGNATURE_VERSION,
    failure.failure_type,
    failure.stage,
    failure.error_code ?? "-",
    request.intent_category,
    ids || "-",
    category,
    categoryPart(report, category).replaceAll("|", "/") || "-",
  ].join("|");
}

function categoryPart(report: ClassifiableReport, category: string): string {
  switch (category) {
    case "platform_incompatibility":
      return `${report.platform.os}/${report.shell?.name ?? "-"}`;
    case "backend_limitation":
      return report.backend?.type ?? "-";
    case "config_conflict":
      return [...(report.safety_context?.config_keys ?? [])].sort().join(",");
    default:
      return report.request.shape ? foldRequestShape(report.request.shape) : "-";
  }
}

/**
 * Computes a report's signature and its 16-hex key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportSignature } from "./signature.ts";
 * const sig = await reportSignature({
 *   platform: { os: "macos", arch: "arm64" },
 *   request: { intent_category: "search" },
 *   failure: { failure_type: "timeout", stage: "inference", safety_patterns_triggered: [] },
 *   backend: { type: "ollama" },
 * });
 * assert(/^[0-9a-f]{16}$/.test(sig.key) && sig.signature.endsWith("|backend_limitation|ollama"));
 * ```
 */
export function reportSignature(report: ClassifiableReport): Promise<ReportSignature> {
  const signature = signatureText(report);
  // node:crypto hashes synchronously (~1 µs); WebCrypto's digest costs a thread hop (~35 µs).
  const key = createHash("sha256").update(signature, "utf8").digest("hex").slice(0, 16);
  return Promise.resolve({ signature, key, version: SIGNATURE_VERSION });
}
