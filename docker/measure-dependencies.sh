#!/bin/sh
# Measures each image's node_modules without a Docker engine: the exact tree the Dockerfile installs
# (docker/production-dependencies.sh), one service at a time, in a temporary folder. Prints the table of docs/images.md.
#   sh docker/measure-dependencies.sh [service ...]     (default: every folder of services/)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- $(cd "$root/services" && ls)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| image | packages | node_modules | largest |"
echo "|---|---:|---:|---|"
for service in "$@"; do
  sh "$root/docker/production-dependencies.sh" "$service" "$work/$service" >/dev/null
  modules="$work/$service/node_modules"
  # Installed packages, nested copies included, workspace links not; apparent size in MB (1 MB = 10^6 bytes).
  packages=$(find "$modules" -name package.json | grep -E '/node_modules/(@[^/]+/)?[^/@][^/]*/package.json$' | grep -cv '/node_modules/@cabs/')
  size=$(du -sb "$modules" | awk '{ printf "%.0f MB", $1 / 1e6 }')
  # Packages one by one (scopes opened, workspace links left out), the three largest.
  largest=$(cd "$modules" && for package in [!@]* @*/*; do case "$package" in @cabs/*) ;; *) du -sb -- "$package" ;; esac; done \
    | sort -rn | head -3 \
    | awk '{ printf "%s%s %.0f MB", (NR > 1 ? ", " : ""), $2, $1 / 1e6 }')
  echo "| $service | $packages | $size | $largest |"
  rm -rf "${work:?}/$service"
done
