/**
 * The public case routes on Hono: `GET /cases`, `GET /cases/{id}` and its
 * JSON twin `GET /cases/{id}.json`. Reads through a {@link CaseFactsSource},
 * so any store can back it.
 *
 * @module
 */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { publicCase } from "../cases/public_case.ts";
import type { CasePort } from "../store/case_port.ts";
import { caseListFilter } from "./case_list_filter.ts";
import { renderCasePage } from "./case_page.tsx";
import { renderCaseListPage } from "./case_list_page.tsx";
import { renderDocument } from "./page_layout.tsx";

/** Where the pages read cases from. */
export type CaseFactsSource = Pick<CasePort, "caseFacts" | "listCaseFacts">;

const CASE_ID = /^CARO-\d{4}-\d{3,}$/;

/**
 * Builds the routes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { caseRoutes } from "./case_routes.ts";
 * const app = caseRoutes({ caseFacts: () => Promise.resolve(undefined), listCaseFacts: () => Promise.resolve([]) }, 5);
 * const res = await app.request("/cases/CARO-2026-001");
 * assert(res.status === 404);
 * ```
 */
export function caseRoutes(source: CaseFactsSource, k: number): Hono {
  const app = new Hono();
  app.use(
    "/cases/*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
      },
    }),
  );
  app.use("/cases", secureHeaders());
  app.get("/cases", async (c) => {
    const filter = caseListFilter(new URL(c.req.url).searchParams);
    const cases = (await source.listCaseFacts(filter)).map((f) => publicCase(f, k));
    return c.html(await renderCaseListPage(cases, filter));
  });
  app.get("/cases/:file", async (c) => {
    const file = c.req.param("file");
    const wantsJson = file.endsWith(".json");
    const id = wantsJson ? file.slice(0, -5) : file;
    const facts = CASE_ID.test(id) ? await source.caseFacts(id) : undefined;
    if (!facts) {
      return wantsJson
        ? c.json({ error: `Case "${id.slice(0, 40)}" not found` }, 404)
        : c.html(await renderDocument("Case not found", "No such case."), 404);
    }
    const view = publicCase(facts, k);
    return wantsJson ? c.json(view) : c.html(await renderCasePage(view));
  });
  return app;
}
