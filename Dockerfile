# syntax=docker/dockerfile:1
# One Dockerfile, one image per app. scripts/build.cjs compiles the apps and libs
# to plain JavaScript in dist/ (SWC, with decorator metadata and the workspace
# path aliases resolved), so no compiler runs in production: about 100 MB less
# memory per process than transpiling on load, and a faster start.
#
#   docker build --target api -t copilot-platform/api .        (also: worker, scheduler, migrate)
#   docker build --target api --build-arg APP_VERSION=1.2.3 \
#     --build-arg GIT_SHA=$(git rev-parse HEAD) --build-arg BUILD_DATE=$(date -u +%FT%TZ) .
#
# Runtime images run as the unprivileged `node` user (uid 1000, numeric so that
# Kubernetes' runAsNonRoot can check it); their files are owned by root and
# read-only to it, and nothing writes outside /tmp: a read-only root filesystem works.

# Node.js active LTS
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: every dependency, sources, the generated Prisma client
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json .npmrc ./
# Exactly the locked tree; the lockfile carries every platform's native binaries
# (scripts/check-lockfile.cjs keeps it so), so this works on amd64 and arm64 alike.
RUN npm ci --no-audit --no-fund
COPY . .
# schema at prisma/schema.prisma (prisma.config.ts); output under libs/persistence
RUN npx prisma generate
RUN node scripts/build.cjs

# ---- prod-deps: the same tree without devDependencies
FROM build AS prod-deps
RUN npm prune --omit=dev

# ---- runtime: what the api, worker and scheduler images share
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /app /app
# build metadata last, so that it does not invalidate the layers above
ARG APP_VERSION=0.0.0-dev
ARG GIT_SHA=unknown
ARG BUILD_DATE=unknown
ENV APP_VERSION=${APP_VERSION} \
    GIT_SHA=${GIT_SHA} \
    BUILD_DATE=${BUILD_DATE}
LABEL org.opencontainers.image.title="copilot-platform" \
      org.opencontainers.image.description="Self-hosted backend for LLM copilots" \
      org.opencontainers.image.version="${APP_VERSION}" \
      org.opencontainers.image.revision="${GIT_SHA}" \
      org.opencontainers.image.created="${BUILD_DATE}"
USER 1000:1000
ENTRYPOINT ["node"]

# ---- one-shot migrations (runs as the schema owner: DATABASE_ADMIN_URL).
# Keeps the dev dependencies, so `npx prisma migrate deploy` works here too.
FROM runtime AS migrate
COPY --from=build /app/node_modules /app/node_modules
CMD ["dist/apps/cli/src/main.js", "migrate"]

FROM runtime AS worker
ENV WORKER_PORT=9464
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["dist/apps/worker/src/main.js"]

FROM runtime AS scheduler
ENV SCHEDULER_PORT=9465
EXPOSE 9465
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9465/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["dist/apps/scheduler/src/main.js"]

# last stage: the default target of a plain `docker build .`
FROM runtime AS api
ENV PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["dist/apps/api/src/main.js"]
