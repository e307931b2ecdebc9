/**
 * The case pages' stylesheet: system fonts, readable on a phone (fluid width,
 * no fixed sizes), light and dark through `prefers-color-scheme`.
 *
 * @module
 */

/** Inline CSS for every public page. */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#5b636e;--line:#d6dae0;--accent:#0b63c5;--ok:#1a7f37;--warn:#9a6700}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6e9ed;--muted:#9aa4b1;--line:#2b323b;--accent:#58a6ff;--ok:#3fb950;--warn:#d29922}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;line-height:1.3;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.05rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
a{color:var(--accent)}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.badge{display:inline-block;padding:.05rem .5rem;border:1px solid var(--line);border-radius:1rem;font-size:.85rem}
.status-resolved{color:var(--ok);border-color:var(--ok)}
.status-open,.status-triage,.status-regression{color:var(--warn);border-color:var(--warn)}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{padding:.35rem 0 .35rem 1.2rem;border-left:2px solid var(--line);position:relative}
ol.timeline li::before{content:"";position:absolute;left:-.4rem;top:.75rem;width:.6rem;height:.6rem;border-radius:50%;background:var(--accent)}
ol.timeline li.pending::before{background:var(--line)}
dl{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.25rem 1rem;margin:0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse}
td,th{text-align:left;padding:.4rem .3rem;border-bottom:1px solid var(--line);vertical-align:top}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}
form.filters select,form.filters input,form.filters button{font:inherit;padding:.25rem .4rem}
@media (max-width:30rem){dl{grid-template-columns:1fr}th.opt,td.opt{display:none}}
`;
