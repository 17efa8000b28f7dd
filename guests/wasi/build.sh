#!/usr/bin/env bash
# Builds the libc-compatibility test programs: guests/wasi/src/NAME.c -> guests/wasi/wasm/NAME.wasm,
# ordinary C against wasi-libc (WASI preview1 commands exporting _start). Works from any cwd; the
# output is deterministic for one toolchain.
#
# Needs Debian's clang + lld + wasi-libc + libclang-rt-dev-wasm32 (sysroot /usr).
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLANG="${CLANG:-/usr/bin/clang}"
mkdir -p "$here/wasm"
for src in "$here"/src/*.c; do
    name="$(basename "$src" .c)"
    "$CLANG" --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror \
        -ffile-prefix-map="$here"=. -Wl,--strip-debug \
        -o "$here/wasm/$name.wasm" "$src"
    echo "built wasi/wasm/$name.wasm"
done
