import { createHash } from "node:crypto";

/**
 * The public documents' one stylesheet, written into each document (lib/public-pages/shell.ts): a
 * page kept for good must look the same in ten years, whatever our later builds' files are called,
 * and a reader saves one file. The colours are the workspace's (Tailwind's stone and teal, each pair
 * at 4.5:1 or more); properties are logical (start/end), so Arabic pages run right to left from one
 * sheet; the text column stays near 70 characters at any width. Small on purpose: under 5 kB,
 * under 2 kB gzipped, well inside the page's 15 kB.
 */
export const DOCUMENT_CSS = `
*,::before,::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;line-height:1.6;font-family:system-ui,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,Arial,sans-serif}
body{margin:0;background:#fafaf9;color:#1c1917}
a{color:#115e59;text-underline-offset:.15em}
a:hover{color:#134e4a}
:focus-visible{outline:2px solid #0f766e;outline-offset:2px}
h1{font-size:1.625rem;line-height:1.25;font-weight:650;margin:0}
h2{font-size:1.125rem;line-height:1.4;font-weight:600;margin:0 0 .75rem}
h3{font-size:1rem;font-weight:600;margin:1rem 0 .375rem}
@media (min-width:640px){h1{font-size:2rem}}
p,ul,ol,dl,dd,figure{margin:0}
ul,ol{padding-inline-start:1.25rem}
li+li{margin-top:.25rem}
.wrap{max-width:48rem;margin:0 auto;padding:0 1rem}
.top{background:#fff;border-bottom:1px solid #e7e5e4}
.top .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding-block:.5rem}
.brand{font-weight:650;letter-spacing:.02em;color:#1c1917;text-decoration:none;padding-block:.5rem}
.top nav{display:flex;flex-wrap:wrap;column-gap:1rem;font-size:.875rem}
.top nav a{display:inline-block;padding-block:.5rem}
main.wrap{padding-block:2rem 3rem}
main>*+*,article>*+*,section>*+*{margin-top:1.5rem}
section>h2+*{margin-top:0}
section>h3+*{margin-top:.25rem}
article>section{margin-top:2.5rem}
.muted{color:#57534e}
.small{font-size:.875rem}
.tiny{font-size:.75rem}
.lead{font-size:1.125rem;line-height:1.7;color:#292524;white-space:pre-line}
.pre{white-space:pre-line}
.intro{max-width:40rem;margin-top:.5rem;color:#44403c}
.box{background:#fff;border:1px solid #e7e5e4;border-radius:.5rem;padding:.875rem 1rem}
.box+.box{margin-top:.5rem}
.box>*+*{margin-top:.5rem}
.note{border-radius:.5rem;border:1px solid #e7e5e4;background:#f5f5f4;padding:.75rem 1rem;font-size:.875rem}
.note>*+*{margin-top:.25rem}
.warn{border-color:#fcd34d;background:#fffbeb;color:#451a03}
.alert{border-color:#fda4af;background:#fff1f2;color:#4c0519}
.facts{display:grid;gap:1rem;font-size:.875rem}
@media (min-width:640px){.facts{grid-template-columns:repeat(3,1fr)}}
.facts>div{margin:0}
.facts dt{color:#57534e}
.facts dd+dd{margin-top:.25rem}
.strong{font-weight:600}
ul.plain,ol.plain{list-style:none;padding:0}
.mono,code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.8125rem}
.mono{overflow-wrap:anywhere}
.break{overflow-wrap:anywhere}
details>summary{cursor:pointer}
details[open]>summary{margin-bottom:.5rem}
.scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:.875rem}
th{text-align:start;font-weight:500;color:#57534e;padding:.25rem .75rem .25rem 0}
td{border-top:1px solid #e7e5e4;padding:.375rem .75rem .375rem 0;vertical-align:top}
.num{font-variant-numeric:tabular-nums}
.num,.nw{white-space:nowrap}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
ins{text-decoration:none}
.added{color:#115e59;font-weight:500}
.removed{color:#9f1239;font-weight:500}
.map{position:relative;display:block;width:20rem;max-width:100%;aspect-ratio:1;overflow:hidden;border:1px solid #d6d3d1;border-radius:.375rem;background:#e7e5e4}
.map img,.map svg{position:absolute;left:0;top:0;width:50%;height:50%}.map .t1,.map .t3{left:50%}.map .t2,.map .t3{top:50%}.map svg{width:100%;height:100%}
.map circle{fill:rgba(17,94,89,.15);stroke:#115e59;stroke-width:3}
figcaption{margin-top:.375rem}
.filters{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.75rem;align-items:end;font-size:.875rem}
.span2,.actions{grid-column:span 2}
@media (min-width:640px){.filters{grid-template-columns:repeat(4,minmax(0,1fr))}.actions{grid-column:1/-1}}
.filters label{display:block;color:#44403c}
input,select,button{font:inherit;font-size:1rem;color:inherit}
input,select{display:block;width:100%;height:2.5rem;margin-top:.25rem;padding:0 .625rem;border:1px solid #78716c;border-radius:.375rem;background:#fff}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:1rem}
button{padding:.5rem 1rem;border:0;border-radius:.375rem;background:#115e59;color:#fff;font-weight:500;cursor:pointer}
button:hover{background:#134e4a}
.entries>li+li{margin-top:.75rem}
.entries h2{margin:.25rem 0;font-size:1.125rem}
.entries h2 a{color:#1c1917;text-decoration:none}
.entries h2 a:hover{text-decoration:underline}
.empty{border:1px dashed #d6d3d1;border-radius:.5rem;background:#fff;padding:2.5rem 1.5rem;text-align:center;font-weight:500}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;font-size:.875rem}
.steps>li+li,.grades>div+div{margin-top:.5rem}
footer.foot{border-top:1px solid #e7e5e4;background:#fff}
footer.foot .wrap{padding-block:1.5rem;font-size:.8125rem;color:#57534e}
footer.foot p+p{margin-top:.5rem}
`
  .trim()
  .replace(/\n/g, "");

/** The sheet's hash as a Content-Security-Policy source: the one style the documents may have. */
export const DOCUMENT_CSS_SOURCE = `'sha256-${createHash("sha256").update(DOCUMENT_CSS).digest("base64")}'`;
