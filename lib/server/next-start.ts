import path from "node:path";

/**
 * How long the server keeps an idle keep-alive connection open. Node's default (5 s) races with
 * any client that holds its connections open with no timeout of its own (Playwright's request
 * context, a reverse proxy's upstream pool): a request sent as the server closes the socket is
 * lost with ECONNRESET. Longer than the idle timeout of the usual proxies (60 s), as their
 * guides ask of the servers behind them.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * The arguments for `node` that run the production server: `next start` with the preloads that
 * pass each request's socket address on to the app (lib/server/peer-address-preload.cjs) and give
 * it request ids, logs, request metrics and a graceful shutdown (lib/server/operations-preload.cjs).
 * Every launcher uses these (lib/cli/start.ts, e2e/support/serve.ts), so none starts Next without them.
 */
export function nextStartArgs(root: string, port: string): string[] {
  return [
    "--require",
    path.join(root, "lib", "server", "peer-address-preload.cjs"),
    "--require",
    path.join(root, "lib", "server", "operations-preload.cjs"),
    path.join(root, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "-p",
    port,
    "--keepAliveTimeout",
    String(KEEP_ALIVE_TIMEOUT_MS),
  ];
}
