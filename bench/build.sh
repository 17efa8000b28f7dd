#!/usr/bin/env bash
# Builds the benchmark's libc programs: bench/src/NAME.c -> bench/wasm/NAME.wasm, plain C against
# wasi-libc at -O2 (WASI preview1 commands). Needs Debian's clang + lld + wasi-libc (sysroot /usr).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLANG="${CLANG:-/usr/bin/clang}"
guests="$(cd "$here/../guests" && pwd)" # the pure-computation helpers the guests share
mkdir -p "$here/wasm"
for src in "$here"/src/*.c; do
    name="$(basename "$src" .c)"
    "$CLANG" --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror \
        -ffile-prefix-map="$here"=. -ffile-prefix-map="$guests"=guests -I "$guests/include" \
        -Wl,--strip-debug -o "$here/wasm/$name.wasm" "$src" "$guests"/lib/*.c
    echo "built bench/wasm/$name.wasm"
done
