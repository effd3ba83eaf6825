/**
 * Opens, migrates and seeds the database when the server boots, so the first request does not
 * wait for PGlite (5–7 s) longer than it must. Not awaited: Next holds every request until this
 * returns, and the probes must answer meanwhile (live at once; ready "starting", or "database"
 * while another server holds the migration lock). A request that needs the database waits for
 * the same opening (`getDb`). Node runtime only: the database module cannot load elsewhere.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too, in its prerendering workers: a build must never open (and lock)
  // the database, or the server started right after finds the folder held by a dead worker.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Sign-in limits need the socket's address: refuse to serve without the preload that passes it on.
  const { peerAddressHeader } = await import("./lib/auth/client-address");
  peerAddressHeader();
  // Expired unfinished uploads are removed now and then hourly; this needs no database.
  const { scheduleUploadSweeps } = await import("./lib/evidence/resumable/tus-server");
  scheduleUploadSweeps();
  // The operations preload counts each request under its route, and believes the request ids of
  // the trusted proxies, by the app's rules.
  const [{ serverOperations }, { routeLabel }, { isTrustedPeer }, { env }] = await Promise.all([
    import("./lib/server/operations"),
    import("./lib/server/route-label"),
    import("./lib/auth/trusted-proxies"),
    import("./lib/env"),
  ]);
  const operations = serverOperations();
  operations.setRouteLabel(routeLabel);
  operations.setTrustedPeer((peer) => isTrustedPeer(peer, env.TRUSTED_PROXIES));
  const { bootDatabase } = await import("./lib/server/boot");
  // It stops the process itself, with the reason, when the database cannot be served.
  void bootDatabase();
}
