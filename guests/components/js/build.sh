#!/usr/bin/env bash
# Builds the JavaScript typed mains (NAME.js, world NAME in wit/world.wit) to NAME.wasm beside
# them with componentize-js (StarlingMonkey, about 12 MB each). The binaries are committed, so
# tests need neither Node nor npm; rerun after editing a .js. Needs Node and npm: componentize-js
# is installed, pinned to the version jco 1.35.0 uses, into a temporary directory unless
# COMPONENTIZE_JS names its package directory. (`jco componentize` is not used: jco 1.35.0 reads
# the WIT through a preview2-shim that preopens nothing, and fails with "failed to get path
# metadata".)
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${COMPONENTIZE_JS:-}" ]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    npm install --silent --no-audit --no-fund --prefix "$tmp" @bytecodealliance/componentize-js@0.22.0 >/dev/null
    COMPONENTIZE_JS="$tmp/node_modules/@bytecodealliance/componentize-js"
fi
for js in "$here"/*.js; do
    name="$(basename "$js" .js)"
    node "$here/componentize.mjs" "$COMPONENTIZE_JS" "$js" "$name" "$here/$name.wasm"
    echo "built components/js/$name.wasm"
done
