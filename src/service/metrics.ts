/**
 * In-process counters for `GET /metrics`, rendered in the Prometheus text
 * exposition format. Label values are fixed words (outcomes, routes, status
 * codes), never report data.
 *
 * @module
 */

/** A set of labelled counters and gauges. */
export class Metrics {
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>();
  /** Rendered label sets by their single value (label values are a small fixed vocabulary). */
  readonly #labelCache = new Map<string, string>();

  /**
   * Adds `by` to a counter; returns its new value.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Metrics } from "./metrics.ts";
   * const m = new Metrics();
   * m.inc("caro_reports_total", "Reports by outcome.", { outcome: "created" });
   * assert(m.render().includes('caro_reports_total{outcome="created"} 1'));
   * assert.equal(m.inc("caro_reports_total", "Reports by outcome.", { outcome: "created" }), 2);
   * ```
   */
  inc(name: string, help: string, labels: Record<string, string> = {}, by = 1): number {
    let counter = this.#counters.get(name);
    if (!counter) {
      counter = { help, values: new Map() };
      this.#counters.set(name, counter);
    }
    const entries = Object.entries(labels);
    const cacheKey = entries.length === 1 ? `${entries[0][0]}\0${entries[0][1]}` : undefined;
    let key = cacheKey === undefined ? undefined : this.#labelCache.get(cacheKey);
    if (key === undefined) {
      key = labelText(labels);
      if (cacheKey !== undefined && this.#labelCache.size < 1_000) {
        this.#labelCache.set(cacheKey, key);
      }
    }
    const value = (counter.values.get(key) ?? 0) + by;
    counter.values.set(key, value);
    return value;
  }

  /**
   * The text format, with extra gauges (read at scrape time) appended.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Metrics } from "./metrics.ts";
   * const text = new Metrics().render([{ name: "caro_cases", help: "Cases.", labels: { status: "open" }, value: 3 }]);
   * assert(text.includes('caro_cases{status="open"} 3'));
   * ```
   */
  render(
    gauges: { name: string; help: string; labels: Record<string, string>; value: number }[] = [],
  ): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.#counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`);
    }
    const seen = new Set<string>();
    for (const g of gauges) {
      if (!seen.has(g.name)) {
        seen.add(g.name);
        lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      }
      lines.push(`${g.name}${labelText(g.labels)} ${g.value}`);
    }
    return lines.join("\n") + "\n";
  }
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${
    entries.map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, (c) => c === "\n" ? "\\n" : `\\${c}`)}"`)
      .join(",")
  }}`;
}
