/**
 * Loaded with `node --require` before Next.js starts (lib/cli/start.ts, e2e/support/serve.ts):
 * stamps every incoming request with the address of the socket it came on, in PEER_HEADER,
 * overwriting any copy a client sent. Next fills X-Forwarded-For with that address only when the
 * request has none, so without this a client that sends its own X-Forwarded-For hides it from
 * route handlers and Auth.js (lib/auth/client-address.ts).
 *
 * Node publishes `http.server.request.start` synchronously for every request, before the server's
 * 'request' listeners run (Node's documented diagnostics channel; no patching of `http`), and a
 * preload subscribes before any server exists, so no request, not even one arriving while Next is
 * still starting, goes unstamped. The header's name is left on globalThis: the app reads it there,
 * and refuses to trust any such header when this file was not loaded.
 */
"use strict";
const diagnostics = require("node:diagnostics_channel");

const PEER_HEADER = "x-corroborate-peer";

diagnostics.subscribe("http.server.request.start", ({ request, socket }) => {
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
});

globalThis[Symbol.for("corroborate.peerAddressHeader")] = PEER_HEADER;
