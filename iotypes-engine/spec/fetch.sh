#!/usr/bin/env bash
# Gets the WebAssembly spec test scripts that SpecTest runs and turns each into NAME.json plus
# NAME.N.wasm with wast2json (Debian package wabt), under iotypes-engine/target/spec/json/.
# Idempotent: the download is cached, and the conversion is redone only when an input changes.
#
# Where the scripts come from: no registry this project may use (Debian, Maven Central, npm)
# ships the spec repository's test/core. Debian's wabt source has third_party/testsuite empty;
# the nearest is the source package of binaryen, whose test/spec/ carries a copy of the core
# tests (bookworm's binaryen 108, from 2022; the copy predates sign extension and saturating
# conversions in i32/i64/conversions). It is fetched with apt-get source into a private apt
# state under the cache, so /etc/apt stays as it is and no root is needed. The copy is in an
# older script syntax in places; rewrite_old_syntax turns that into today's, line for line, so
# line numbers still match the source.
#
# A real checkout wins: SPEC_TESTSUITE=/path/to/spec/test/core (or to the testsuite repository)
# converts its *.wast files instead, all but SIMD.
#
# Env: IOTYPES_SPEC_CACHE (default ~/.cache/iotypes-spec), SPEC_TESTSUITE, WAST2JSON.
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(dirname "$here")/target/spec"
cache="${IOTYPES_SPEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iotypes-spec}"
WAST2JSON="${WAST2JSON:-wast2json}"
release=bookworm
binaryen=108-1

# The core scripts of MVP, sign extension, saturating conversions, bulk memory, multi-value and
# reference types that binaryen's copy has and wast2json 1.0.32 reads (its table.wast is in a
# later syntax; multivalue/tuples are binaryen's own).
selected=(
  address align binary binary-leb128 block br br_if br_table break-drop bulk-memory call
  call_indirect comments const conversions custom data elem endianness exports f32 f32_bitwise
  f32_cmp f64 f64_bitwise f64_cmp fac float_exprs float_literals float_memory float_misc
  forward func func_ptrs globals i32 i64 if imports inline-module int_exprs int_literals labels
  left-to-right linking load local_get local_set local_tee loop memory memory_grow
  memory_redundancy memory_size memory_trap names nop ref_func ref_is_null ref_null return
  select skip-stack-guard-page stack start store switch table_get table_grow table_set
  table_size token traps type unreachable unreached-invalid unwind utf8-custom-section-id
  utf8-import-field utf8-import-module utf8-invalid-encoding
)

command -v "$WAST2JSON" >/dev/null || { echo "fetch.sh: $WAST2JSON not found (apt-get install wabt)" >&2; exit 1; }

# Downloads binaryen's Debian source once; prints the directory holding its test/spec.
binaryen_spec_dir() {
  local apt="$cache/apt" src="$cache/binaryen-$binaryen"
  if [ ! -d "$src/test/spec" ]; then
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/dl"
    echo "deb-src http://deb.debian.org/debian $release main" >"$apt/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
      -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1
      -o "APT::Sandbox::User=$(id -un)" -qq)
    apt-get "${opts[@]}" update >&2
    (cd "$apt/dl" && apt-get "${opts[@]}" source --download-only "binaryen=$binaryen" >&2)
    rm -rf "$src.tmp" && mkdir -p "$src.tmp"
    tar -xzf "$apt/dl/binaryen_${binaryen%-*}.orig.tar.gz" -C "$src.tmp" --strip-components=1 \
      --wildcards '*/test/spec/*'
    mv "$src.tmp" "$src"
    rm -rf "$apt"  # the index and tarball are not needed once unpacked
  fi
  echo "$src/test/spec"
}

# Old spellings in binaryen's copy, each rewritten within its line:
#   (assert_return_canonical_nan (invoke "f" ...))  -> (assert_return (invoke "f" ...) (T.const nan:canonical))
#     T is the f32./f64. prefix of the export name, else the type of the first argument;
#   (assert_trap ACTION) without a message           -> (assert_trap ACTION "")
#   (elem $t (offset ...))  with $t a table          -> (elem (table $t) (offset ...))
rewrite_old_syntax() {
  perl -pe '
    s/^\(assert_return_(canonical|arithmetic)_nan (\(invoke "((f32|f64)\.[^"]*|[^"]*)"(?: \((f32|f64|i32|i64)\.const)?.*)\)\s*$/
      "(assert_return $2 (" . ($4 || $5) . ".const nan:$1))\n"/e;
    s/^(\(assert_trap \(invoke "[^"]*"(?: \([^()]*\))*\))\)\s*$/$1 "")\n/;
    s/^(\s*\(elem) (\$\w+) (\((?:i32\.const|offset))/$1 (table $2) $3/;
  ' "$1"
}

if [ -n "${SPEC_TESTSUITE:-}" ]; then
  src="$(cd "$SPEC_TESTSUITE" && pwd)"
  files=()
  for f in "$src"/*.wast; do
    case "$(basename "$f")" in simd_*) ;; *) files+=("$f") ;; esac
  done
  origin="checkout $src"
  rewrite=false
else
  src="$(binaryen_spec_dir)"
  files=()
  for name in "${selected[@]}"; do files+=("$src/$name.wast"); done
  origin="Debian $release source package binaryen $binaryen, test/spec/"
  rewrite=true
fi

stamp="$( (cat "${BASH_SOURCE[0]}"; "$WAST2JSON" --version; echo "$origin"; cat "${files[@]}") | sha256sum | cut -c1-16)"
if [ -f "$out/STAMP" ] && [ "$(cat "$out/STAMP")" = "$stamp" ]; then
  echo "fetch.sh: spec tests up to date in $out/json"
  exit 0
fi

rm -rf "$out" && mkdir -p "$out/json" "$out/wast"
failed=()
for f in "${files[@]}"; do
  name="$(basename "$f" .wast)"
  if $rewrite; then rewrite_old_syntax "$f" >"$out/wast/$name.wast"; else cp "$f" "$out/wast/$name.wast"; fi
  if ! (cd "$out/json" && "$WAST2JSON" "../wast/$name.wast" -o "$name.json" 2>"$name.err"); then
    failed+=("$name: $(head -1 "$out/json/$name.err")")
    rm -f "$out/json/$name".*
  fi
  rm -f "$out/json/$name.err"
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'fetch.sh: wast2json could not read %s\n' "${failed[@]}" >&2
  # binaryen's selection is fixed and known to convert: a failure there is a broken setup.
  $rewrite && exit 1
fi
echo "$origin" >"$out/SOURCE"
echo "$stamp" >"$out/STAMP"
echo "fetch.sh: $(ls "$out/json"/*.json | wc -l) spec scripts converted into $out/json ($origin)"
