import path from "node:path";

/**
 * The arguments for `node` that run the production server: `next start` with the preload that
 * passes each request's socket address on to the app (lib/server/peer-address-preload.cjs).
 * Every launcher uses these (lib/cli/start.ts, e2e/support/serve.ts), so none starts Next without it.
 */
export function nextStartArgs(root: string, port: string): string[] {
  return [
    "--require",
    path.join(root, "lib", "server", "peer-address-preload.cjs"),
    path.join(root, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "-p",
    port,
  ];
}
