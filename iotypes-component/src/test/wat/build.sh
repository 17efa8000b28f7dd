#!/usr/bin/env bash
# Compiles the component text tests (src/test/wat/NAME.wat) to the binaries the tests load
# (src/test/resources/components/NAME.wasm), with wasm-tools as jco bundles it. The binaries are
# committed, so tests need neither Node nor npm; rerun after editing a .wat. Needs Node and npm (jco
# is installed, pinned, into a temporary directory unless JCO names a jco binary).
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../resources/components"
if [ -z "${JCO:-}" ]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    npm install --silent --prefix "$tmp" @bytecodealliance/jco@1.35.0 >/dev/null
    JCO="$tmp/node_modules/.bin/jco"
fi
mkdir -p "$out"
for wat in "$here"/*.wat; do
    name="$(basename "$wat" .wat)"
    "$JCO" parse "$wat" -o "$out/$name.wasm" >/dev/null
    echo "built components/$name.wasm"
done
