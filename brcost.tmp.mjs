import { chromium } from "@playwright/test";
import fs from "node:fs";
const args = JSON.parse(process.argv[2] ?? "[]");
const opts = JSON.parse(process.argv[3] ?? "{}");
const base = "http://127.0.0.1:3911";
const descendants = (root) => { const all = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map((p) => { try { const s = fs.readFileSync(`/proc/${p}/stat`, "utf8"); const f = s.slice(s.lastIndexOf(")") + 2).split(" "); return { pid: +p, ppid: +f[1], cpu: (+f[11] + +f[12]) / 100, cmd: fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ") }; } catch { return null; } }).filter(Boolean); const out = []; const walk = (pid) => { for (const c of all.filter((x) => x.ppid === pid)) { out.push(c); walk(c.pid); } }; walk(root); return out; };
const kind = (c) => c.includes("type=renderer") ? "renderer" : c.includes("type=gpu") ? "gpu" : c.includes("type=utility") ? "utility" : c.includes("type=zygote") ? "zygote" : "browser";
const byKind = () => { const o = {}; for (const p of descendants(process.pid).filter((p) => p.cmd.includes("chrom"))) o[kind(p.cmd)] = (o[kind(p.cmd)] ?? 0) + p.cpu; return o; };
const cpu = () => Object.values(byKind()).reduce((a, b) => a + b, 0);
const t0 = performance.now();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
const c0 = cpu();
const context = await browser.newContext(opts);
const page = await context.newPage();
{ const r = context.request; const { csrfToken } = await (await r.get(base + "/api/auth/csrf")).json(); await r.post(base + "/api/auth/callback/credentials", { form: { email: "reviewer@demo.test", password: "corroborate-demo", csrfToken, callbackUrl: "/claims" }, maxRedirects: 0 }); }
await page.goto(base + "/claims");
const c1 = cpu();
const urls = ["/claims", "/persons", "/sources", "/incidents", "/settings"];
for (let i = 0; i < 3; i++) for (const u of urls) { await page.goto(base + u); await page.waitForLoadState("load"); await page.waitForTimeout(300); }
const c2 = cpu(); console.log(JSON.stringify(byKind()));
await page.goto(base + "/claims"); await page.waitForLoadState("load"); await page.waitForTimeout(300);
const c3a = cpu();
await page.waitForTimeout(5000);
const c3 = cpu();
await browser.close();
console.log(JSON.stringify({ args, opts, launch: c0.toFixed(2), signin: (c1 - c0).toFixed(2), pages15: (c2 - c1).toFixed(2), idle5s: (c3 - c3a).toFixed(2), wall: ((performance.now() - t0) / 1000).toFixed(1) }));
