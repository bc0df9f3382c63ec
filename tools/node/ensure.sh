#!/bin/sh
# Prints the bin folder of a Node.js of this project's line (.node-version) or newer. When the `node` on PATH is
# older (e.g. a distribution's Node 20), the line's newest release is installed from the npm registry, where Node's
# own binaries are published as `node-<os>-<arch>` packages, into the git-ignored .tools/node — nothing comes from
# outside the registry npm already uses.
#
#   PATH="$(sh tools/node/ensure.sh):$PATH"   # .ci/run: everything after runs on that Node, npm included
#   sh tools/node/ensure.sh --link            # the root postinstall: also links it as node_modules/.bin/node, which
#                                             # npm puts first on PATH for every script (npm start, npm test, npx nx)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
line=$(tr -d ' \r\nv' < "$root/.node-version")
tools="$root/.tools/node"

say() { echo "tools/node: $*" >&2; }

# The major version of a node binary, or 0 when it cannot run.
major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

current=$(command -v node || true)
if [ -n "$current" ] && [ "$(major "$current")" -ge "$line" ]; then
  dirname "$current"
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) say "no Node $line package for $(uname -s): install Node $line yourself (see .node-version)"; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) say "no Node $line package for $(uname -m): install Node $line yourself (see .node-version)"; exit 1 ;;
esac
package="node-$os-$arch"
bin="$tools/node_modules/$package/bin"

if [ "$(major "$bin/node")" -ne "$line" ]; then
  found=$([ -n "$current" ] && "$current" --version 2>/dev/null || echo none)
  say "node on PATH: $found; this project runs on Node $line (.node-version): installing $package@$line into .tools/node"
  rm -rf "$tools"
  mkdir -p "$tools"
  # --prefix with no package.json there: a private node_modules, outside the workspace's own tree and lockfile. Run
  # from an npm script (the postinstall), npm's own settings for the workspace must not reach this install.
  env -u npm_config_workspace -u npm_config_workspaces -u npm_config_global -u npm_config_omit \
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$package@$line" >&2
  [ "$(major "$bin/node")" -eq "$line" ] || { say "$bin/node did not install"; exit 1; }
fi

if [ "${1:-}" = --link ]; then
  mkdir -p "$root/node_modules/.bin"
  ln -sf "$bin/node" "$root/node_modules/.bin/node"
  say "npm scripts run on $("$bin/node" --version) (node_modules/.bin/node -> .tools/node)"
fi
echo "$bin"
