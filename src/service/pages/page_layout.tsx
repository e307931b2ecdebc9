/**
 * The shell of every public page: doctype, viewport for phones, the inline
 * stylesheet, and the title. Every value rendered through hono/jsx is
 * escaped.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { PAGE_STYLE } from "./page_style.ts";

/**
 * Renders a full HTML document (doctype prepended).
 *
 * @example
 * ```tsx
 * import assert from "node:assert/strict";
 * import { renderDocument } from "./page_layout.tsx";
 * const page = await renderDocument("<b>", <p>hi</p>);
 * assert(page.startsWith("<!doctype html>") && page.includes("&lt;b&gt;"));
 * ```
 */
export async function renderDocument(title: string, body: Child): Promise<string> {
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
      </head>
      <body>
        <main>{body}</main>
      </body>
    </html>
  );
  return `<!doctype html>${await page}`;
}

/**
 * A date as `YYYY-MM-DD` (UTC), or an em dash.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { day } from "./page_layout.tsx";
 * assert(day(Date.UTC(2026, 10, 25)) === "2026-11-25");
 * ```
 */
export function day(ms: number | undefined): string {
  return ms === undefined ? "—" : new Date(ms).toISOString().slice(0, 10);
}
