#!/usr/bin/env bash
# Builds the example guests: guests/src/NAME.c -> guests/wasm/NAME.wasm (C, freestanding, no
# libc) and guests/wat/NAME.wat -> guests/wasm/NAME.wasm (edge-case guests). Works from any cwd;
# the output is deterministic (same sources and toolchain, same bytes).
#
# Needs Debian's clang 14 + lld (packages clang lld) and wabt (wat2wasm).
#
# Why two steps for C: clang 14's WebAssembly register-stackify pass crashes on, or silently
# miscompiles, code that uses the results of multi-value calls (llvm/llvm-project#55136, fixed
# in LLVM 16; #98323, fixed only in 2026 by not stackifying multi-def instructions). So the C is
# optimised at -O2 to LLVM bitcode, and the bitcode is turned into Wasm at -O0, where that pass
# does not run. The Wasm is a little larger (more local.get/set); engines don't care.
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLANG="${CLANG:-/usr/bin/clang}"
WAT2WASM="${WAT2WASM:-wat2wasm}"
out="$here/wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

target=(--target=wasm32 -mmultivalue -mbulk-memory -Xclang -target-abi -Xclang experimental-mv)
cflags=(-std=c11 -ffreestanding -nostdlib -O2 -Wall -Wextra -Werror -I "$here/include")

for src in "$here"/src/*.c; do
    name="$(basename "$src" .c)"
    # -ffile-prefix-map keeps the checkout's path out of the output
    "$CLANG" "${target[@]}" "${cflags[@]}" -ffile-prefix-map="$here"=. \
        -c -emit-llvm -o "$tmp/$name.bc" "$src"
    "$CLANG" "${target[@]}" -O0 -c -o "$tmp/$name.o" "$tmp/$name.bc"
    "$CLANG" "${target[@]}" -nostdlib -Wl,--no-entry -Wl,--strip-debug \
        -o "$out/$name.wasm" "$tmp/$name.o"
    echo "built wasm/$name.wasm"
done

# WAT guests. wat2wasm --enable-annotations turns (@custom "iotypes-main" "...") into the
# custom section.
for src in "$here"/wat/*.wat; do
    name="$(basename "$src" .wat)"
    "$WAT2WASM" --enable-annotations -o "$out/$name.wasm" "$src"
    echo "built wasm/$name.wasm"
done
