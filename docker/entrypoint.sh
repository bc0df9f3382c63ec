#!/bin/sh
# Entrypoint of every cabs image (see the Dockerfile). In order:
#   1. MESH_TOKEN: taken as given, or read from MESH_TOKEN_FILE, which is generated when missing and writable.
#   2. This service's Prisma migrations (when it has any), unless MIGRATE_ON_START=false.
#   3. exec the command, so node is PID 1 and receives SIGTERM itself.
# `entrypoint.sh migrate` applies the migrations and exits: the explicit step on Kubernetes (an initContainer).
set -eu

say() { echo "entrypoint: $*" >&2; }

if [ -z "${MESH_TOKEN:-}" ] && [ -n "${MESH_TOKEN_FILE:-}" ]; then
  if [ ! -s "$MESH_TOKEN_FILE" ] && [ -w "$(dirname "$MESH_TOKEN_FILE")" ]; then
    candidate="$MESH_TOKEN_FILE.$$"
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$candidate"
    # ln refuses to replace an existing file: if another container won the race, its token is the one kept.
    ln "$candidate" "$MESH_TOKEN_FILE" 2>/dev/null && say "generated a mesh token in $MESH_TOKEN_FILE" || true
    rm -f "$candidate"
  fi
  if [ ! -s "$MESH_TOKEN_FILE" ]; then
    say "MESH_TOKEN_FILE=$MESH_TOKEN_FILE does not exist and cannot be created here; set MESH_TOKEN, or mount the volume the broker writes it to"
    exit 1
  fi
  MESH_TOKEN=$(cat "$MESH_TOKEN_FILE")
  export MESH_TOKEN
fi
# Empty means "no authentication": the services refuse a token shorter than 16 characters, so do not pass one.
[ -n "${MESH_TOKEN:-}" ] || unset MESH_TOKEN

app=$(cd "$(dirname "$0")/.." && pwd)

migrate() {
  [ -d prisma/migrations ] || return 0
  # Prisma's Wasm schema engine leaves a 10 s timer behind; this preload lets the CLI exit once its work is done
  # (docs/decisions/0003-prisma.md).
  preload="$app/libs/postgres/bin/unref-long-timers.mjs"
  NODE_OPTIONS="--import $preload ${NODE_OPTIONS:-}" npm run db:migrate --silent
}

if [ "${1:-}" = migrate ]; then
  [ -d prisma/migrations ] || { say "$(pwd) has no prisma/migrations: nothing to migrate"; exit 0; }
  migrate
  exit 0
fi
if [ "${MIGRATE_ON_START:-true}" != false ]; then
  migrate
fi
exec "$@"
