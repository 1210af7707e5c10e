# syntax=docker/dockerfile:1
# One image for the API, the worker and the one-shot migration (HM_PROCESS and the command pick).
#   docker build -t hybridmatch .
#   docker compose --profile app up --scale worker=4      (see docker-compose.yml)

# ---- build: every dependency, compile TypeScript to dist/, then drop the dev dependencies ----
# The full image has python3, make and g++: argon2 is compiled here (its prebuilt linux-x64 binary
# crashed on this project's machines), for the same Debian release as the runtime image.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts yet (`prepare` would build before the sources are here); then argon2's own.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild argon2
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
COPY scripts scripts
COPY benchmarks benchmarks
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies and dist/ only, as the unprivileged `node` user ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    METRICS_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
# 3000: the API (HM_PROCESS=api or all). 9464: Prometheus metrics, for the private network only.
EXPOSE 3000 9464
CMD ["node", "--max-semi-space-size=64", "dist/apps/main.js"]
