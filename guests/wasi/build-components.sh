#!/usr/bin/env bash
# Wraps each WASI preview1 test program guests/wasi/wasm/NAME.wasm as a WASI 0.2 command
# component guests/wasi/components/NAME.wasm, with the preview1 adapter that jco bundles. Tests
# use the committed output; rerun after guests/wasi/build.sh. Needs Node and npm (jco is
# installed, pinned, into a temporary directory unless JCO names a jco binary).
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${JCO:-}" ]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    npm install --silent --prefix "$tmp" @bytecodealliance/jco@1.35.0 >/dev/null
    JCO="$tmp/node_modules/.bin/jco"
fi
mkdir -p "$here/components"
for module in "$here"/wasm/*.wasm; do
    name="$(basename "$module" .wasm)"
    "$JCO" new "$module" --wasi-command -o "$here/components/$name.wasm" >/dev/null
    echo "wrapped wasi/components/$name.wasm"
done
