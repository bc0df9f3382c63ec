# syntax=docker/dockerfile:1
#
# One image per process of the system, all from this file:
#   docker build --build-arg SERVICE=transit -t cabs-transit .
# SERVICE is a folder of services/: broker, transit, drivers, fees, invoicing, notifications, console.
# docker-compose.yml builds all seven; k8s/ runs the same images (see docs/decisions/0008-deployment.md).
# The default command starts a domain service; the broker (`node dist/main.js`) and the console
# (`node dist/server/main.js`) get theirs from docker-compose.yml and k8s/.

# Node 24, the LTS line the whole workspace runs on (.node-version, docs/decisions/0012-node-line.md), on Debian 13.
ARG NODE_IMAGE=node:24-trixie-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# The Prisma CLI must neither phone home nor nag; npm must not either.
ENV CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Only the manifests (root and every workspace), so the dependency layer below is rebuilt only when one changes.
FROM base AS manifests
COPY . /src
RUN mkdir /out \
 && cd /src \
 && cp package.json package-lock.json /out/ \
 && find libs services tools e2e -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

FROM base AS dependencies
COPY --from=manifests /out/ ./
# The whole workspace's tree, to build with. Install scripts run explicitly below, for this service only.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

FROM dependencies AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'Set the service to build: --build-arg SERVICE=<folder of services/>' >&2; exit 1; }
COPY . .
# What the root postinstall does, for this service only: the adapter patch (patches/), then its Prisma client; then
# its build (tsc -b builds the libraries it references). /out gets this service's files laid out like the repository,
# and a node_modules of its production dependencies alone (docker/production-dependencies.sh: its package.json's
# `dependencies`, transitively; no dev tooling, no other service's packages, no embedded PostgreSQL).
RUN --mount=type=cache,target=/root/.npm npx patch-package \
 && npm run prisma:generate --if-present -w "services/${SERVICE}" \
 && npm run build -w "services/${SERVICE}" \
 && node docker/assemble-image.mjs "${SERVICE}" /out \
 && sh docker/production-dependencies.sh "${SERVICE}" /production \
 && mv /production/node_modules /out/node_modules

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    CABS_SERVICE=${SERVICE} \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
# Files stay owned by root: the process (user node) can read its code but not change it.
COPY --from=build /out /app
# The one writable place: where a generated mesh token is kept (a named volume in docker-compose.yml).
RUN mkdir -p /var/lib/cabs && chown node:node /var/lib/cabs
USER node
WORKDIR /app/services/${SERVICE}
# No curl in slim images: Node's fetch. The broker answers readiness on its admin port, a service on its own.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ADMIN_PORT || process.env.PORT || 8080) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# Applies this service's migrations, then execs the command: node is PID 1 and receives SIGTERM itself.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["node", "--import", "@cabs/platform/telemetry", "dist/main.js"]
