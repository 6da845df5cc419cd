#!/usr/bin/env bash
# Installs the pinned Wix SDK packages (package-lock.json, exact versions) with `npm ci` into
# DIR/node_modules (default: this folder), once per lock file. The conformance tests need
# them; without the registry they cannot run, and this says so and fails.
# Usage: install.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-$here}
for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "wix-sdk: '$tool' is not installed; install the Debian packages nodejs and npm" \
      "(tools/lib/deps.sh lists them)" >&2
    exit 1
  fi
done
mkdir -p "$dest"
if [[ $dest != "$here" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$dest/"
fi
stamp="$dest/node_modules/.shelfnode-lock.sha256"
want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --ignore-scripts: nothing from the registry runs here; the packages are only read.
if ! (cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --fetch-retries=1 \
  --fetch-timeout=30000 >"$log" 2>&1); then
  cat "$log" >&2
  echo "wix-sdk: npm ci could not install the pinned Wix SDK packages from the npm registry" \
    "($(npm config get registry)) into $dest; the SDK conformance tests cannot run without" \
    "them. Check the network or proxy (npm config), then run: $0 $dest" >&2
  exit 1
fi
echo "$want" >"$stamp"
echo "wix-sdk: installed the pinned Wix SDK packages in $dest/node_modules"
