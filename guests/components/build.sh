#!/usr/bin/env bash
# Builds the typed-main components: the C guests src/NAME.c -> NAME.wasm, and those written in
# component text wat/NAME.wat -> wat/NAME.wasm. The binaries are committed, so tests need neither
# Node nor clang; rerun after editing a source. The output is deterministic.
#
# C: freestanding clang 14 (no libc, so no preview1 adapter), its Canonical ABI from
# include/iotypes-component.h, then the world the source names (#define GUEST_WORLD_INPUTS:
# world `inputs` of wit/guests.wit) embedded as jco embed does (embed.mjs, see there why not the
# command itself) and the component made by `jco new`, which keeps only the imports the code
# calls. Needs Debian's clang 14 + lld, Node and npm (jco is installed, pinned, into a temporary
# directory unless JCO names a jco binary).
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guests="$(dirname "$here")"
CLANG="${CLANG:-/usr/bin/clang}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -z "${JCO:-}" ]; then
    npm install --silent --prefix "$tmp" @bytecodealliance/jco@1.35.0 >/dev/null
    JCO="$tmp/node_modules/.bin/jco"
fi

cflags=(--target=wasm32 -mbulk-memory -std=c11 -ffreestanding -nostdlib -O2 -Wall -Wextra -Werror
    -I "$guests/include" -ffile-prefix-map="$guests"=.)
for src in "$here"/src/*.c; do
    name="$(basename "$src" .c)"
    world="$(sed -n 's/^#define GUEST_WORLD_\([A-Z]*\)$/\1/p' "$src" | tr A-Z a-z)"
    [ -n "$world" ] || { echo "$src: no #define GUEST_WORLD_..." >&2; exit 1; }
    "$CLANG" "${cflags[@]}" -Wl,--no-entry -Wl,--strip-debug -o "$tmp/$name.core.wasm" \
        "$src" "$guests/lib/sha256.c" "$guests/lib/wordcount.c"
    node "$here/embed.mjs" "$JCO" "$here/wit" "iotypes:guests/$world" \
        "$tmp/$name.core.wasm" "$tmp/$name.embedded.wasm"
    "$JCO" new "$tmp/$name.embedded.wasm" -o "$here/$name.wasm" >/dev/null
    echo "built components/$name.wasm (world $world)"
done

# Component text, compiled with wasm-tools as jco bundles it.
for wat in "$here"/wat/*.wat; do
    name="$(basename "$wat" .wat)"
    "$JCO" parse "$wat" -o "$here/wat/$name.wasm" >/dev/null
    echo "built components/wat/$name.wasm"
done
