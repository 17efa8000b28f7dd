#!/usr/bin/env bash
# Compiles the typed-main components written in component text (NAME.wat) to NAME.wasm beside them,
# with wasm-tools as jco bundles it. The binaries are committed, so tests need neither Node nor npm;
# rerun after editing a .wat. Needs Node and npm (jco is installed, pinned, into a temporary
# directory unless JCO names a jco binary).
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -z "${JCO:-}" ]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    npm install --silent --prefix "$tmp" @bytecodealliance/jco@1.35.0 >/dev/null
    JCO="$tmp/node_modules/.bin/jco"
fi
for wat in "$here"/*.wat; do
    name="$(basename "$wat" .wat)"
    "$JCO" parse "$wat" -o "$here/$name.wasm" >/dev/null
    echo "built components/$name.wasm"
done
