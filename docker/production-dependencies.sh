#!/bin/sh
# Installs what one service needs at runtime into <dir>/node_modules: the `dependencies` of its package.json,
# transitively (the @cabs libraries it declares, and theirs), exactly as package-lock.json pins them, with patches/
# applied — and nothing else: no dev tooling, no other service's packages, no embedded PostgreSQL.
#   sh docker/production-dependencies.sh <service> <dir>
# The Dockerfile's build stage runs it for the image; docs/images.md measures every service with it.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
service=${1:?usage: docker/production-dependencies.sh <service> <dir>}
out=${2:?usage: docker/production-dependencies.sh <service> <dir>}
[ -f "$root/services/$service/package.json" ] || { echo "production-dependencies: services/$service is not a service" >&2; exit 1; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
# npm needs every workspace's manifest to read the lockfile, even those it will not install.
cp package.json package-lock.json "$out/"
find libs services tools e2e -maxdepth 2 -name package.json -exec cp --parents {} "$out/" \;
cp -R patches "$out/"
# Without any workspace's devDependencies: `--omit=dev` alone omits only what no workspace needs in production, so a
# service's development-only package that another workspace uses in production (vite for the console's page) would
# come along.
node -e '
  const fs = require("node:fs");
  for (const file of process.argv.slice(1)) {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    delete manifest.devDependencies;
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  }' $(find "$out/libs" "$out/services" "$out/tools" "$out/e2e" -name package.json)

cd "$out"
# --workspace: only that workspace's tree; --omit=dev: without its (and the root's) devDependencies. Install scripts
# stay off: the Prisma client is generated and compiled into the service's dist/ at build time.
npm ci --omit=dev --workspace "services/$service" --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error
# The same patches as the development tree, applied by the workspace's own patch-package; a patch for a package this
# service does not install is skipped.
for patch in patches/*.patch; do
  package=$(basename "$patch" | sed -e 's/+[^+]*\.patch$//' -e 's/+/\//')
  [ -d "node_modules/$package" ] || rm "$patch"
done
node "$root/node_modules/patch-package/index.js" --error-on-fail >&2
