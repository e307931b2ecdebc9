/**
 * The public case page in a real headless Chromium (Debian's `chromium`,
 * driven by playwright-core): the case renders, a hostile title does not run
 * script, and screenshots (light, dark, phone) land in docs/screenshots/.
 * playwright's `launch()` gives every run a fresh temporary profile.
 * Skipped with a notice when no Chromium is installed.
 */
import { equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { caseRoutes } from "../../src/service/pages/case_routes.ts";
import { fixtureSource, HOSTILE_CASE, QUIET_CASE } from "../_support/case_fixtures.ts";

const CHROMIUM = Deno.env.get("CARO_CHROMIUM") ?? "/usr/bin/chromium";
const hasChromium = await Deno.stat(CHROMIUM).then((s) => s.isFile, () => false);
if (!hasChromium) {
  Deno.stderr.writeSync(
    new TextEncoder().encode(
      `!!! Chromium test SKIPPED: ${CHROMIUM} not found (apt-get install chromium)\n`,
    ),
  );
}
const SHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

Deno.test({
  name: "case page in headless Chromium: renders the case, hostile title stays text",
  ignore: !hasChromium,
  sanitizeResources: false, // the browser's pipes are closed by browser.close(), after Deno looks
  sanitizeOps: false,
  async fn() {
    const app = caseRoutes(fixtureSource([HOSTILE_CASE, QUIET_CASE]), 5);
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const url = `http://127.0.0.1:${server.addr.port}/cases/CARO-2026-001`;
      const response = await page.goto(url);
      equal(response?.status(), 200);
      const h1 = await page.locator("h1").innerText();
      ok(h1.includes(HOSTILE_CASE.title), `title shown as text: ${h1}`);
      equal(await page.evaluate<unknown>("window.__pwned"), undefined);
      equal(await page.locator("main script").count(), 0);
      equal(await page.locator("main img").count(), 0);
      equal(dialogs.length, 0);
      equal(await page.getByTestId("status").innerText(), "resolved");
      equal(await page.getByTestId("fixed-in").innerText(), "fixed in 1.3.0");
      match(
        await page.getByTestId("timeline").innerText(),
        /Issue opened[\s\S]*Fix proposed[\s\S]*Released in 1\.3\.0/,
      );
      match(
        await page.getByTestId("request-shape").innerText(),
        /delete files older than <NUM> days/,
      );
      await page.screenshot({ path: `${SHOTS}case-page.png`, fullPage: true });

      await page.emulateMedia({ colorScheme: "dark" });
      const darkBg = await page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
      equal(darkBg, "rgb(15, 18, 22)");
      await page.screenshot({ path: `${SHOTS}case-page-dark.png`, fullPage: true });

      const phone = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
      });
      const small = await phone.newPage();
      await small.goto(url);
      const overflow = await small.evaluate<number>(
        "document.documentElement.scrollWidth - window.innerWidth",
      );
      ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
      await small.screenshot({ path: `${SHOTS}case-page-phone.png`, fullPage: true });
      await phone.close();
      await context.close();
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
