import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite (WASM + data files), native bindings (argon2, sharp) and big server-only SDKs load from
  // node_modules, not a bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "sharp", "@aws-sdk/client-s3", "@tus/server", "@tus/file-store"],
  poweredByHeader: false,
  // In memory only: nothing cached may outlive the process and its database (see the handler).
  cacheHandler: fileURLToPath(new URL("./lib/cache/memory-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
