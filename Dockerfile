# Corroborate's image: the production build with ffmpeg, run as an unprivileged user.
# The server's command is every launcher's (lib/server/next-start.ts: `next start` with the
# preloads); lib/server/deployment.test.ts keeps it, and compose.yaml's, equal to what the tests run.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir /data && chown node:node /data
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 AUTH_TRUST_HOST=true DATA_DIR=/data LOG_FORMAT=json SEED_DEMO=0
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/v1/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--require", "/app/lib/server/peer-address-preload.cjs", "--require", "/app/lib/server/operations-preload.cjs", "/app/node_modules/next/dist/bin/next", "start", "-p", "3000", "--keepAliveTimeout", "65000"]
