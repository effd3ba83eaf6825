import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small web page served on 127.0.0.1 for page captures; `close()` when done. With `refusing`,
 * the page redirects inward (to a private address, which the capture refuses) until `mend()`.
 */
export async function startPageServer(title: string, body: string, { refusing = false } = {}) {
  const state = { refusing };
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (state.refusing) {
      res.writeHead(302, { Location: "http://10.0.0.1/internal" }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "X-Test-Page": "corroborate" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/report.html`,
    requests,
    mend: () => {
      state.refusing = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
