#!/usr/bin/env bash
# Checks the example tools against GNU coreutils on real files:
#   - "native": each guests/src/NAME.c built with gcc against shim.c (the C logic), and
#   - "wasm":   each committed guests/wasm/NAME.wasm run by node with run-wasm.mjs (the real
#               binaries, as clang compiled them), when node is installed.
# Usage: guests/test/check-native.sh [native|wasm]...   (default: both). Works from any cwd.
# Test aids only: neither the shim nor the Node host is the iotypes host.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guests="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
runners=("$@")
if [ ${#runners[@]} -eq 0 ]; then
    runners=(native)
    command -v node >/dev/null && runners+=(wasm)
fi

# Native builds.
mkdir -p "$work/bin"
for src in "$guests"/src/*.c; do
    gcc -std=c11 -O2 -fno-toplevel-reorder -Wall -Wextra -Werror -I "$guests/include" \
        -o "$work/bin/$(basename "$src" .c)" "$src" "$guests"/lib/*.c "$here/shim.c"
done

# Test files, by relative name so that the pseudonym is the name (tools run in $work/files).
mkdir -p "$work/files" && cd "$work/files"
cp "$guests/../docs/abi.md" text.md
cp "$guests/include/iotypes.h" header.h
cp /usr/bin/ls binary
: > empty
printf 'first line\nsecond  line\twith tabs\n\nlast line without newline' > nonl
printf '\n\n\n' > newlines
printf 'x' > onebyte
head -c 10485760 /dev/urandom > random
python3 - <<'PY'
import random
r = random.Random(7)
with open("lines", "w") as f:  # many lines, some longer than tac's 64 KiB window
    for i in range(3000):
        n = r.choice([0, 1, 5, 80, 300, 65535, 65536, 65537, 200000]) if i % 50 == 0 else r.randint(0, 120)
        f.write("".join(r.choice("ab \t\v\f\r") for _ in range(n)) + "\n")
    f.write("y" * 70000)  # and a long last line without newline
with open("ws", "wb") as f:
    f.write(bytes(range(256)) * 64)
# UTF-8: valid and invalid samples
valid = {
    "u-ascii": b"plain ascii\n",
    "u-mixed": "h\u00e9llo \u20ac \U0001F600 \uFFFF \U0010FFFF \u07FF \u0800 \uD7FF \uE000\n".encode(),
    "u-long": ("\u00e9\u20ac\U0001F600" * 50000).encode(),  # sequences split across 64 KiB reads
}
invalid = {
    "u-overlong2": b"a\xc0\x80b", "u-overlong2b": b"\xc1\xbf", "u-overlong3": b"\xe0\x80\x80",
    "u-overlong3b": b"\xe0\x9f\xbf", "u-overlong4": b"\xf0\x8f\xbf\xbf",
    "u-surrogate": b"\xed\xa0\x80", "u-surrogate2": b"\xed\xbf\xbf", "u-too-big": b"\xf4\x90\x80\x80",
    "u-f5": b"\xf5\x80\x80\x80", "u-ff": b"\xff", "u-lone-cont": b"ok\x80",
    "u-truncated": b"ok\xe2\x82", "u-truncated4": b"\xf0\x9f\x98", "u-bad-cont": b"\xe2\x28\xa1",
    "u-late": ("\u20ac" * 40000).encode() + b"\xc3",
}
for name, data in {**valid, **invalid}.items():
    with open(name, "wb") as f: f.write(data)
PY
files=(text.md header.h binary empty nonl newlines onebyte random lines ws)
# A tree for the input-directory tools: nesting, an empty directory, a space and UTF-8 in names,
# and a symbolic link (skipped by the tools, as `find -type f` skips it)
mkdir -p tree/sub/deeper tree/nothing "tree/s p"
cp text.md header.h binary empty random tree/ && cp nonl tree/sub/ && cp ws tree/sub/deeper/
cp lines "tree/s p/ü" && ln -s /etc/passwd tree/link
utf8_files=(u-* text.md binary empty random)

pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL [$runner] $*"; }
run() { # run TOOL ARGS...
    local tool="$1"; shift
    if [ "$runner" = native ]; then "$work/bin/$tool" "$@"; else node "$here/run-wasm.mjs" "$guests/wasm/$tool.wasm" "$@"; fi
}
same() { # same DESC EXPECTED-FILE ACTUAL-FILE
    if cmp -s "$2" "$3"; then ok; else bad "$1"; fi
}

for runner in "${runners[@]}"; do
    out="$work/out-$runner" && mkdir -p "$out"
    run hello - > "$out/hello" && printf 'hello, world\n' > "$out/hello.exp" && same "hello" "$out/hello.exp" "$out/hello"
    for f in "${files[@]}"; do
        run cat "$f" "$out/cat" && same "cat $f" "$f" "$out/cat" || bad "cat $f: status"
        run cat "$f" - > "$out/cat-stdout" && same "cat $f -" "$f" "$out/cat-stdout" || bad "cat $f -: status"
        run cat - "$out/cat-stdin" < "$f" && same "cat - < $f" "$f" "$out/cat-stdin" || bad "cat - < $f: status"
        run wc "$f" "$out/wc" || bad "wc $f: status"
        wc "$f" > "$out/wc.exp"
        same "wc $f" "$out/wc.exp" "$out/wc"
        run sha256sum "$f" "$out/sha" || bad "sha256sum $f: status"
        sha256sum "$f" > "$out/sha.exp" && same "sha256sum $f" "$out/sha.exp" "$out/sha"
        for n in 0 1 2 10 1000 100000; do
            run head --lines "$n" "$f" "$out/head" || bad "head -n $n $f: status"
            head -n "$n" "$f" > "$out/head.exp" && same "head -n $n $f" "$out/head.exp" "$out/head"
        done
        run head -c 1000 "$f" "$out/head" || bad "head -c 1000 $f: status"
        head -c 1000 "$f" > "$out/head.exp" && same "head -c 1000 $f" "$out/head.exp" "$out/head"
        run upper "$f" "$out/upper" || bad "upper $f: status"
        tr a-z A-Z < "$f" > "$out/upper.exp" && same "upper $f" "$out/upper.exp" "$out/upper"
        run tee "$f" "$out/tee1" "$out/tee2" || bad "tee $f: status"
        same "tee $f (1)" "$f" "$out/tee1" && same "tee $f (2)" "$f" "$out/tee2"
        run tac "$f" "$out/tac" || bad "tac $f: status"
        tac "$f" > "$out/tac.exp" && same "tac $f" "$out/tac.exp" "$out/tac"
    done
    # wc of many inputs, stdin among them (a regular file, as GNU wc then aligns the same way)
    for flags in "" -l -w -c -lw; do
        run wc $flags "${files[@]}" - "$out/wc-all" < text.md || bad "wc $flags FILES -: status"
        wc $flags "${files[@]}" - < text.md > "$out/wc-all.exp"
        same "wc $flags FILES -" "$out/wc-all.exp" "$out/wc-all"
    done
    for f in "${utf8_files[@]}"; do
        if python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$f" 2>/dev/null; then
            : > "$out/utf8.exp"; want=0
        else
            printf '%s: not valid UTF-8\n' "$f" > "$out/utf8.exp"; want=1
        fi
        got=0 && run utf8check "$f" "$out/utf8" || got=$?
        [ "$got" = "$want" ] && ok || bad "utf8check $f: status $got, expected $want"
        same "utf8check $f" "$out/utf8.exp" "$out/utf8"
    done
    # Input directories: every file of the tree, as find, sort and sha256sum see it
    run sha256deep tree "$out/deep" || bad "sha256deep tree: status"
    (cd tree && find . -type f | sort | cut -c3- | xargs -d '\n' sha256sum) > "$out/deep.exp"
    same "sha256deep tree" "$out/deep.exp" "$out/deep"
    run du tree "$out/du" || bad "du tree: status"
    (cd tree && find . -type f -printf '%s\t%P\n' | sort -t "$(printf '\t')" -k2,2) > "$out/du.exp"
    awk -F'\t' '{s+=$1} END {print s "\t."}' "$out/du.exp" > "$out/du.total"
    cat "$out/du.total" >> "$out/du.exp"
    same "du tree" "$out/du.exp" "$out/du"
    rm -rf "$out/unpacked" && run unpack tree "$out/unpacked" || bad "unpack tree: status"
    diff <(cd tree && find . -type f | sort) <(cd "$out/unpacked" && find . -type f | sort) >/dev/null \
        && (cd tree && find . -type f -print0 | xargs -0 -I{} cmp -s {} "$out/unpacked/{}") && ok || bad "unpack tree"
    if [ "$runner" = native ]; then # the Node host has no poll
        # Poll: the lines of two slow inputs as they arrive; a silent input cut off at a deadline
        run merge <(sleep 0.4; echo b; sleep 0.5; echo d) <(echo a; sleep 0.7; echo c) "$out/merge" \
            || bad "merge: status"
        printf 'a\nb\nc\nd\n' > "$out/merge.exp" && same "merge of two slow inputs" "$out/merge.exp" "$out/merge"
        got=0 && run timeout --seconds 1 <(echo first; sleep 5) "$out/timeout" || got=$?
        printf 'first\n' > "$out/timeout.exp"
        [ "$got" = 124 ] && same "timeout of a silent input" "$out/timeout.exp" "$out/timeout" \
            || bad "timeout of a silent input: status $got, expected 124"
    fi
    # A failing output makes the result err (/dev/full: every write fails with ENOSPC).
    for tool in cat upper wc; do
        got=0 && run "$tool" text.md /dev/full || got=$?
        [ "$got" = 1 ] && ok || bad "$tool text.md /dev/full: status $got, expected 1"
    done
    got=0 && run tee text.md /dev/full "$out/tee-full" || got=$?
    [ "$got" = 1 ] && same "tee with one failing output" text.md "$out/tee-full" || bad "tee /dev/full: status $got"
    got=0 && run head --lines 3 text.md /dev/full || got=$?
    [ "$got" = 1 ] && ok || bad "head /dev/full: status $got, expected 1"
done

echo "guests check (${runners[*]}): $pass passed, $failed failed"
[ "$failed" = 0 ]
