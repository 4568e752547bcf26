# syntax=docker/dockerfile:1
# tracehub: compiled in a build stage with the dev dependencies, run with the production ones only,
# as the unprivileged `node` user. Single instance: `docker run -p 3000:3000 -v tracehub:/data
# -e JWT_SECRET=… -e WECHAT_APPID=… -e WECHAT_SECRET=… tracehub` (SQLite under /data);
# several instances: compose.yaml (Postgres, Redis, MinIO, nginx).
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
# better-sqlite3 falls back to compiling from source when no prebuilt binary fits the platform
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json openapi.json ./
COPY scripts ./scripts
COPY db ./db
COPY src ./src
# dist/ (JavaScript, declarations, source maps), then node_modules without the dev dependencies
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SEED_DEMO=false \
    DATABASE_URL=/data/tracehub.db \
    UPLOAD_DIR=/data/uploads \
    ATTACHMENTS_DIR=/data/attachments
WORKDIR /app
# code owned by root and read-only for the server; only /data is writable
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# the slim image has no curl: Node's own fetch asks the health endpoint
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health/check`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1: main.ts drains in-flight requests on SIGTERM (docker stop); a 32 MiB young
# generation (README "The edge", hot path)
CMD ["node", "--enable-source-maps", "--max-semi-space-size=32", "dist/src/main.js"]
