#!/usr/bin/env bash
# Fetches and builds the third-party programs that bench/engine.sh measures, natively (gcc -O2)
# and for wasm32-wasi (clang 14 -O2 against Debian's wasi-libc), into a cache directory that is
# never committed:
#
#   bench/programs.sh            # build what is missing or out of date, print the work directory
#   BENCH_WORK=DIR bench/programs.sh   # another cache directory (default bench/work, git-ignored)
#   bench/programs.sh --clean    # remove the builds (not the downloads) and build again
#
# Sources, and only from package registries:
#   zlib, bzip2, lua5.4   Debian source packages (`apt-get source`, patches applied by dpkg-source);
#                         deb-src entries are added next to the machine's deb ones if missing
#   @yowasp/yosys         npm (`npm pack`), YOSYS_VERSION (default below); its yosys.core.wasm is a
#                         plain WASI preview1 command (the package's other core modules are jco's
#                         preview2 adapter, unused here); its share files come out of the package's
#                         resources-yosys.js into work/yosys/share
#
# What gets built (work/build/{native,wasm}/):
#   minigzip   zlib's test/minigzip.c with the library's .c files (no ./configure; -DHAVE_UNISTD_H
#              and -DHAVE_STDARG_H are what configure would find, without them gzlib.c calls an
#              undeclared 32-bit lseek)
#   bzip2      bzip2.c with libbz2's .c files. wasm: -D_WASI_EMULATED_SIGNAL (bzip2 installs
#              handlers; -lwasi-emulated-signal) and -D_WASI_EMULATED_PROCESS_CLOCKS (it includes
#              <sys/times.h>); fchmod/fchown, absent from wasi-libc and used only when bzip2 writes
#              a named file (never with -c), are defined away as succeeding
#   lua        lua.c (the standalone interpreter) with every library .c file except luac.c,
#              -std=gnu99 -DLUA_COMPAT_5_3 as Lua's own Makefile, no LUA_USE_LINUX/POSIX (so no
#              dlopen, popen or readline: the "generic" build, the same on both sides). Debian's
#              luaconf.h wants lua5.4-deb-multiarch.h (written by its debian/rules), so a one-line
#              one is written here. wasm: no setjmp/longjmp in wasm32-wasi with clang 14, so
#              bench/programs/lua-wasi/ replaces LUAI_TRY/LUAI_THROW: a protected call just calls
#              and an error is fatal (exits 1 with the message); the kernels raise none.
#              Plus -D_WASI_EMULATED_SIGNAL (lua.c handles SIGINT) and
#              -D_WASI_EMULATED_PROCESS_CLOCKS (os.clock).
#   vm         bench/programs/vm/vm.c, our own: a bytecode interpreter whose dispatch loop is one
#              Wasm function past HotSpot's huge-method limit once translated
#   yosys      no build: the npm package's 30 MB module, run with --dir for /share. No native
#              build of the same source exists here (Debian's yosys is another version).
# Also work/data/corpus.txt: every text file of the three Debian source trees, sorted by path,
# each after a "==> path <==" line (about 6 MB); bench/engine.sh repeats it to the sizes it needs.
#
# Needs: apt-get and dpkg-dev (dpkg-source), clang 14, lld, wasi-libc, gcc, node >= 20, npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="${BENCH_WORK:-$here/work}"
YOSYS_VERSION="${YOSYS_VERSION:-0.55.944}"
CLANG="${CLANG:-clang}"
CC_NATIVE="${CC_NATIVE:-gcc}"
# shellcheck disable=SC2054 # -Wl,--strip-debug is one argument
WASM_CFLAGS=(--target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug)
NATIVE_CFLAGS=(-O2)

log() { echo "programs: $*" >&2; }
die() { echo "programs: $*" >&2; exit 1; }

if [ "${1:-}" = --clean ]; then
  rm -rf "$work/build"
fi
for tool in apt-get dpkg-source "$CLANG" "$CC_NATIVE" node npm; do
  command -v "$tool" >/dev/null || die "needs $tool (apt-get install dpkg-dev clang lld wasi-libc gcc; node 20 with npm)"
done
[ -f /usr/lib/wasm32-wasi/libc.a ] || die "needs wasi-libc (apt-get install wasi-libc) for --sysroot=/usr"
mkdir -p "$work/src" "$work/npm" "$work/build/native" "$work/build/wasm" "$work/data"

# --- sources -----------------------------------------------------------------------------------

# Debian source packages: deb-src lines for the suites the machine already uses, if none are there.
enable_deb_src() {
  if apt-get source --print-uris zlib >/dev/null 2>&1; then return; fi
  local list=/etc/apt/sources.list.d/debian.sources added=/etc/apt/sources.list.d/iotypes-bench-deb-src.sources
  [ "$(id -u)" = 0 ] || die "no deb-src entries for apt; add them (Types: deb-src) or run as root once"
  [ -f "$list" ] || die "no deb-src entries for apt and no $list to copy them from"
  log "adding deb-src entries ($added, from $list) and running apt-get update"
  sed 's/^Types: deb$/Types: deb-src/' "$list" >"$added"
  apt-get update -qq >/dev/null
  apt-get source --print-uris zlib >/dev/null 2>&1 || die "apt-get source still fails after adding $added"
}

# fetch_deb PACKAGE: unpacks the source package into work/src/PACKAGE-VERSION (once); prints the dir.
fetch_deb() {
  local pkg="$1" dir
  dir="$(find "$work/src" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)"
  if [ -z "$dir" ]; then
    enable_deb_src
    log "apt-get source $pkg"
    (cd "$work/src" && apt-get source -qq "$pkg" >"$work/src/$pkg.log" 2>&1) ||
      { cat "$work/src/$pkg.log" >&2; die "apt-get source $pkg failed"; }
    dir="$(find "$work/src" -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)"
    [ -n "$dir" ] || die "apt-get source $pkg unpacked nothing"
  fi
  echo "$dir"
}

zlib_src="$(fetch_deb zlib)"
bzip2_src="$(fetch_deb bzip2)"
lua_src="$(fetch_deb lua5.4)"

# Yosys from npm: the tarball, unpacked, and the share files out of resources-yosys.js.
yosys="$work/yosys"
if [ ! -f "$yosys/$YOSYS_VERSION/yosys.wasm" ] || [ ! -d "$yosys/$YOSYS_VERSION/share" ]; then
  log "npm pack @yowasp/yosys@$YOSYS_VERSION"
  rm -rf "${yosys:?}/$YOSYS_VERSION"
  mkdir -p "$yosys/$YOSYS_VERSION"
  tgz="$(cd "$work/npm" && npm pack --silent "@yowasp/yosys@$YOSYS_VERSION")"
  tar xzf "$work/npm/$tgz" -C "$yosys/$YOSYS_VERSION"
  # resources-yosys.js exports { modules, filesystem }: filesystem.share is a tree whose leaves
  # are file contents (strings) or URLs of files shipped beside it (the big ones, in gen/share).
  cat >"$yosys/extract-share.mjs" <<'JS'
import fs from 'node:fs';
import path from 'node:path';
const [resources, out] = process.argv.slice(2);
const { filesystem } = await import(path.resolve(resources));
let files = 0;
function write(dir, tree) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(tree)) {
    const file = path.join(dir, name);
    if (typeof value === 'string' || value instanceof Uint8Array) fs.writeFileSync(file, value);
    else if (value instanceof URL) fs.copyFileSync(value, file);
    else { write(file, value); continue; }
    files++;
  }
}
write(out, filesystem);
console.log(files);
JS
  n="$(node "$yosys/extract-share.mjs" "$yosys/$YOSYS_VERSION/package/gen/resources-yosys.js" "$yosys/$YOSYS_VERSION/root")"
  mv "$yosys/$YOSYS_VERSION/root/share" "$yosys/$YOSYS_VERSION/share"
  rmdir "$yosys/$YOSYS_VERSION/root"
  ln "$yosys/$YOSYS_VERSION/package/gen/yosys.core.wasm" "$yosys/$YOSYS_VERSION/yosys.wasm" 2>/dev/null ||
    cp "$yosys/$YOSYS_VERSION/package/gen/yosys.core.wasm" "$yosys/$YOSYS_VERSION/yosys.wasm"
  log "yosys $YOSYS_VERSION: $n share files"
fi
ln -sfn "$YOSYS_VERSION" "$yosys/current"

# --- builds ------------------------------------------------------------------------------------

# stale OUT DEP...: whether OUT is missing or older than this script or a DEP.
stale() {
  local out="$1" dep
  shift
  [ -f "$out" ] || return 0
  for dep in "${BASH_SOURCE[0]}" "$@"; do
    [ "$out" -nt "$dep" ] || return 0
  done
  return 1
}

zlib_files=(adler32.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c zutil.c
  compress.c uncompr.c gzclose.c gzlib.c gzread.c gzwrite.c test/minigzip.c)
if stale "$work/build/wasm/minigzip.wasm" || stale "$work/build/native/minigzip"; then
  log "building minigzip ($(basename "$zlib_src"))"
  (cd "$zlib_src" &&
    "$CLANG" "${WASM_CFLAGS[@]}" -I. -DHAVE_UNISTD_H -DHAVE_STDARG_H \
      -o "$work/build/wasm/minigzip.wasm" "${zlib_files[@]}" &&
    "$CC_NATIVE" "${NATIVE_CFLAGS[@]}" -I. -DHAVE_UNISTD_H -DHAVE_STDARG_H \
      -o "$work/build/native/minigzip" "${zlib_files[@]}")
fi

bzip2_files=(blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c bzip2.c)
if stale "$work/build/wasm/bzip2.wasm" || stale "$work/build/native/bzip2"; then
  log "building bzip2 ($(basename "$bzip2_src"))"
  (cd "$bzip2_src" &&
    "$CLANG" "${WASM_CFLAGS[@]}" -D_FILE_OFFSET_BITS=64 \
      -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
      '-Dfchmod(fd,mode)=0' '-Dfchown(fd,owner,group)=0' \
      -o "$work/build/wasm/bzip2.wasm" "${bzip2_files[@]}" \
      -lwasi-emulated-signal -lwasi-emulated-process-clocks &&
    "$CC_NATIVE" "${NATIVE_CFLAGS[@]}" -D_FILE_OFFSET_BITS=64 \
      -o "$work/build/native/bzip2" "${bzip2_files[@]}")
fi

shim="$here/programs/lua-wasi"
if stale "$work/build/wasm/lua.wasm" "$shim/lua-wasi.h" "$shim/lua-wasi.c" "$shim/setjmp.h" ||
  stale "$work/build/native/lua"; then
  log "building lua ($(basename "$lua_src"))"
  inc="$work/build/lua-include"
  mkdir -p "$inc"
  echo '#define DEB_HOST_MULTIARCH "bench"' >"$inc/lua5.4-deb-multiarch.h"
  lua_files=()
  for f in "$lua_src"/src/*.c; do
    case "${f##*/}" in luac.c) ;; *) lua_files+=("$f") ;; esac
  done
  "$CLANG" "${WASM_CFLAGS[@]}" -std=gnu99 -DLUA_COMPAT_5_3 -Wno-deprecated-declarations \
    -I"$lua_src/src" -I"$inc" -I"$shim" -include "$shim/lua-wasi.h" \
    -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
    -o "$work/build/wasm/lua.wasm" "${lua_files[@]}" "$shim/lua-wasi.c" \
    -lwasi-emulated-signal -lwasi-emulated-process-clocks
  "$CC_NATIVE" "${NATIVE_CFLAGS[@]}" -std=gnu99 -DLUA_COMPAT_5_3 -I"$lua_src/src" -I"$inc" \
    -o "$work/build/native/lua" "${lua_files[@]}" -lm
fi

vm="$here/programs/vm/vm.c"
if stale "$work/build/wasm/vm.wasm" "$vm" || stale "$work/build/native/vm" "$vm"; then
  log "building vm (bench/programs/vm)"
  "$CLANG" "${WASM_CFLAGS[@]}" -o "$work/build/wasm/vm.wasm" "$vm"
  "$CC_NATIVE" "${NATIVE_CFLAGS[@]}" -o "$work/build/native/vm" "$vm"
fi

# --- data --------------------------------------------------------------------------------------

corpus="$work/data/corpus.txt"
if stale "$corpus"; then
  log "making $corpus"
  tmp="$corpus.tmp"
  : >"$tmp"
  (cd "$work/src" &&
    find "$(basename "$zlib_src")" "$(basename "$bzip2_src")" "$(basename "$lua_src")" \
      -type f -not -path '*/.pc/*' -print0 | LC_ALL=C sort -z |
    while IFS= read -r -d '' f; do
      if grep -Iq . "$f"; then printf '==> %s <==\n' "$f"; cat "$f"; fi
    done) >>"$tmp"
  mv "$tmp" "$corpus"
fi

{
  for d in "$zlib_src" "$bzip2_src" "$lua_src"; do
    echo "$(basename "$d") (Debian source package $(dpkg-parsechangelog -l "$d/debian/changelog" -S Source) $(dpkg-parsechangelog -l "$d/debian/changelog" -S Version))"
  done
  echo "@yowasp/yosys $YOSYS_VERSION (npm)"
} >"$work/versions.txt"
echo "$work"
