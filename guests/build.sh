#!/usr/bin/env bash
# Builds the example guests: guests/src/NAME.c and the providers guests/providers/NAME.c ->
# guests/wasm/NAME.wasm (C, freestanding, no libc), the SDK library guests/lib/libiotypes.a (guests/libiotypes/*.c) and with it
# guests/libc/src/NAME.c -> guests/libc/wasm/NAME.wasm (C with wasi-libc, built in one step), and
# guests/wat/NAME.wat -> guests/wasm/NAME.wasm (edge-case guests). Works from any cwd; the output
# is deterministic (same sources and toolchain, same bytes).
#
# Needs Debian's clang 14 + lld (packages clang lld), wasi-libc and libclang-rt-dev-wasm32 (for
# the libc guests) and wabt (wat2wasm).
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
AR="${AR:-$(dirname "$(readlink -f "$CLANG")")/llvm-ar}"
WAT2WASM="${WAT2WASM:-wat2wasm}"
out="$here/wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

target=(--target=wasm32 -mmultivalue -mbulk-memory -Xclang -target-abi -Xclang experimental-mv)
cflags=(-std=c11 -ffreestanding -nostdlib -O2 -Wall -Wextra -Werror -I "$here/include")

# lib/*.c is pure computation that calls no import (hashing, counting): compiled straight to
# Wasm at -O2, since the bug above needs multi-value calls. Tools link what they use of it.
libs=()
for src in "$here"/lib/*.c; do
    name="$(basename "$src" .c)"
    "$CLANG" "${target[@]}" "${cflags[@]}" -ffile-prefix-map="$here"=. \
        -c -o "$tmp/lib-$name.o" "$src"
    libs+=("$tmp/lib-$name.o")
done

for src in "$here"/src/*.c "$here"/providers/*.c; do
    name="$(basename "$src" .c)"
    # -ffile-prefix-map keeps the checkout's path out of the output
    "$CLANG" "${target[@]}" "${cflags[@]}" -ffile-prefix-map="$here"=. \
        -c -emit-llvm -o "$tmp/$name.bc" "$src"
    "$CLANG" "${target[@]}" -O0 -c -o "$tmp/$name.o" "$tmp/$name.bc"
    "$CLANG" "${target[@]}" -nostdlib -Wl,--no-entry -Wl,--strip-debug \
        -o "$out/$name.wasm" "$tmp/$name.o" "${libs[@]}"
    echo "built wasm/$name.wasm"
done

# libiotypes.a: the SDK of iotypes-libc.h. calls.c is the only code that makes multi-value calls,
# so it alone goes the two-step way above; the rest calls it, and is compiled like a user's code.
# llvm-ar writes no timestamps or owners (deterministic by default).
wasi=(--target=wasm32-wasi --sysroot=/usr)
sdkflags=(-std=c11 -O2 -Wall -Wextra -Werror -I "$here/include" -ffile-prefix-map="$here"=.)
mv=(-mmultivalue -Xclang -target-abi -Xclang experimental-mv)
sdk=()
for src in "$here"/libiotypes/*.c; do
    name="$(basename "$src" .c)"
    if [ "$name" = calls ]; then
        "$CLANG" "${wasi[@]}" "${mv[@]}" "${sdkflags[@]}" -c -emit-llvm -o "$tmp/sdk-$name.bc" "$src"
        "$CLANG" "${wasi[@]}" "${mv[@]}" -O0 -c -o "$tmp/sdk-$name.o" "$tmp/sdk-$name.bc"
    else
        "$CLANG" "${wasi[@]}" "${sdkflags[@]}" -c -o "$tmp/sdk-$name.o" "$src"
    fi
    sdk+=("$tmp/sdk-$name.o")
done
mkdir -p "$here/lib" "$here/libc/wasm"
rm -f "$here/lib/libiotypes.a"
(cd "$tmp" && "$AR" rcsD "$here/lib/libiotypes.a" "${sdk[@]##*/}")
echo "built lib/libiotypes.a"

# Typed mains with wasi-libc: the one-step build of guests/README.md, as a user would run it.
for src in "$here"/libc/src/*.c; do
    name="$(basename "$src" .c)"
    "$CLANG" "${wasi[@]}" -O2 -mexec-model=reactor -Wall -Wextra -Werror -I "$here/include" \
        -ffile-prefix-map="$here"=. -Wl,--strip-debug \
        -o "$here/libc/wasm/$name.wasm" "$src" "$here/lib/libiotypes.a"
    echo "built libc/wasm/$name.wasm"
done

# WAT guests. Each declares its typed main as (@custom "iotypes-main" "..."); wabt 1.0.32 accepts
# that annotation with --enable-annotations but drops it, so the section is appended here (id 0,
# LEB128 size, LEB128 name length, name, payload) unless wat2wasm already emitted it.
add_custom_sections() { # WAT WASM
    python3 - "$1" "$2" <<'PY'
import re, sys
wat, wasm = sys.argv[1], sys.argv[2]
src = open(wat, encoding="utf-8").read()
def unescape(s):  # WAT string escapes: \n \t \r \" \' \\ \hh \u{h+}
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode(); i += 1; continue
        e = s[i + 1]
        if e in 'nrt"\'\\':
            out += {"n": b"\n", "r": b"\r", "t": b"\t"}.get(e, e.encode()); i += 2
        elif e == "u":
            j = s.index("}", i); out += chr(int(s[i + 3:j], 16)).encode(); i = j + 1
        else:
            out.append(int(s[i + 1:i + 3], 16)); i += 3
    return bytes(out)
def leb(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n: return bytes(out)
def custom_names(data):  # names of the custom sections already in the module
    i, names = 8, []
    while i < len(data):
        sid = data[i]; i += 1
        size = shift = 0
        while True:
            b = data[i]; i += 1; size |= (b & 0x7F) << shift; shift += 7
            if b < 0x80: break
        if sid == 0:
            n = shift = j = 0
            while True:
                b = data[i + j]; j += 1; n |= (b & 0x7F) << shift; shift += 7
                if b < 0x80: break
            names.append(data[i + j:i + j + n].decode())
        i += size
    return names
data = bytearray(open(wasm, "rb").read())
have = custom_names(data)
for name, payload in re.findall(r'\(@custom\s+"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)"\s*\)', src):
    name, payload = unescape(name), unescape(payload)
    if name.decode() in have: continue
    body = leb(len(name)) + name + payload
    data += b"\x00" + leb(len(body)) + body
open(wasm, "wb").write(data)
PY
}

for src in "$here"/wat/*.wat; do
    name="$(basename "$src" .wat)"
    "$WAT2WASM" --enable-annotations --debug-names -o "$out/$name.wasm" "$src"
    add_custom_sections "$src" "$out/$name.wasm"
    echo "built wasm/$name.wasm"
done
