# syntax=docker/dockerfile:1
# Đôn Đốc — multi-stage build: compile TypeScript with dev dependencies, ship compiled JS with
# production dependencies only, run as an unprivileged user. Node 24 LTS (20.18.1+ still works).

FROM node:24-bookworm-slim AS build
# better-sqlite3 (the embedded store) is native: prebuild-install fetches a binary for this Node's
# ABI when it can, and node-gyp compiles it (≈ 2 min) when it cannot, which needs these.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY handlers ./handlers
COPY scheduler ./scheduler
RUN npm run build

# Production dependencies only: those of the build stage, less the dev ones (better-sqlite3 stays
# as built there, for the same Node), so nothing is compiled twice and the runtime has no compiler.
FROM build AS deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=8080
WORKDIR /app
# The summary chart is drawn with DejaVu Sans (it has every Vietnamese letter); the slim image has no
# fonts. sqlite3 is the CLI for backing up the embedded store while the bot runs (README, section 10).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core sqlite3 && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY examples ./examples
# The code stays root-owned (read-only to the app); only /data (embedded store, file links) is writable.
RUN mkdir -p /data/files && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Healthy when GET /healthz answers 2xx: the store answers and each platform polls, stands by or has
# its webhook set. Node's own fetch, as the slim image has no curl. The start period covers Redis,
# getMe and setWebhook at start-up. (The playground mode opens no HTTP server: it reads as unhealthy.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Graceful stop on SIGTERM (src/app/shutdown.ts): stop intake, finish updates in progress (≤ 20 s),
# hand over the poll lock, let the scheduler finish its tick (≤ 30 s), close HTTP and the store —
# up to about a minute. Docker's default grace is 10 s: give it 70 s (`docker run --stop-timeout 70`,
# compose `stop_grace_period: 70s`), and prefer `--init` / compose `init: true` so a signal that
# arrives before the app installed its handlers still stops it (node as PID 1 would ignore it).
STOPSIGNAL SIGTERM
# node itself, not npm, so the signal reaches the app.
CMD ["node", "dist/src/main.js"]
