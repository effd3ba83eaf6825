import { createHash } from "node:crypto";

/**
 * The public documents' one stylesheet, written into each document (lib/public-pages/shell.ts): a
 * page kept for good must look the same in ten years, whatever our later builds' files are called,
 * and a reader saves one file. The colours and measures are the workspace's (Tailwind's stone and
 * teal); properties are logical (start/end), so Arabic pages run right to left from one sheet.
 * Small on purpose: about 3 kB, under 1 kB gzipped.
 */
export const DOCUMENT_CSS = `
*,::before,::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;line-height:1.5;font-family:ui-sans-serif,system-ui,"Segoe UI","Noto Sans","Noto Sans Arabic",Arial,sans-serif}
body{margin:0;background:#fafaf9;color:#1c1917}
a{color:#115e59;text-underline-offset:2px}
:focus-visible{outline:2px solid #0f766e;outline-offset:2px}
h1{font-size:1.875rem;line-height:1.2;font-weight:600;letter-spacing:-.01em;margin:0}
h2{font-size:1.125rem;font-weight:600;margin:0 0 .75rem}
h3{font-size:1rem;font-weight:600;margin:.75rem 0 .25rem}
p,ul,ol,dl,dd,figure{margin:0}
ul,ol{padding-inline-start:1.25rem}
.wrap{max-width:56rem;margin:0 auto;padding:0 1rem}
.top{background:#fff;border-bottom:1px solid #e7e5e4}
.top .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.75rem;padding-block:1rem}
.brand{font-weight:600;letter-spacing:.025em;color:#1c1917;text-decoration:none}
.top nav{display:flex;flex-wrap:wrap;gap:1rem;font-size:.875rem;align-items:center}
.top nav a{padding-block:.5rem}
main.wrap{padding-block:2.5rem}
main section,article>*+*{margin-top:2rem}
.muted{color:#57534e}
.small{font-size:.875rem}
.tiny{font-size:.75rem}
.lead{font-size:1.125rem;line-height:1.7;color:#292524;white-space:pre-line}
.pre{white-space:pre-line}
.box{background:#fff;border:1px solid #e7e5e4;border-radius:.5rem;padding:1rem 1.25rem}
.box+.box,li.box+li.box{margin-top:.5rem}
.note{border-radius:.5rem;border:1px solid #e7e5e4;background:#f5f5f4;padding:.75rem 1rem;font-size:.875rem}
.warn{border-color:#fcd34d;background:#fffbeb;color:#451a03}
.alert{border-color:#fda4af;background:#fff1f2;color:#4c0519}
.facts{display:grid;gap:1rem;font-size:.875rem}
@media (min-width:640px){.facts{grid-template-columns:repeat(3,1fr)}}
.facts dt{color:#57534e}
.strong{font-weight:600}
ul.plain,ol.plain{list-style:none;padding:0}
.mono{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,monospace;font-size:.75rem;overflow-wrap:anywhere}
.break{overflow-wrap:anywhere}
details>summary{cursor:pointer}
table{width:100%;border-collapse:collapse;font-size:.875rem;text-align:start}
th{text-align:start;font-weight:500;color:#57534e;padding:.25rem 0}
td{border-top:1px solid #e7e5e4;padding:.25rem 0}
.num{font-variant-numeric:tabular-nums}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
ins{text-decoration:none}
.added{color:#115e59;font-weight:500}
.removed{color:#9f1239;font-weight:500}
.map{display:block;width:256px;max-width:100%;height:auto;border:1px solid #e7e5e4;border-radius:.375rem;background:#f5f5f4}
.map circle{fill:rgba(17,94,89,.15);stroke:#115e59;stroke-width:2}
footer.foot{margin-top:4rem;border-top:1px solid #e7e5e4;background:#fff}
footer.foot .wrap{padding-block:1.5rem;font-size:.75rem;color:#57534e}
footer.foot p+p{margin-top:.25rem}
`
  .trim()
  .replace(/\n/g, "");

/** The sheet's hash as a Content-Security-Policy source: the one style the documents may have. */
export const DOCUMENT_CSS_SOURCE = `'sha256-${createHash("sha256").update(DOCUMENT_CSS).digest("base64")}'`;
