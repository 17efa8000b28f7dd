#!/usr/bin/env bash
# The benchmarks of issue 5, side by side in one run, printed as one Markdown table with ratios.
#
#   bench/run.sh                 # 1 GiB forward and pipe, 256 MiB compute, best of 3
#   BENCH_QUICK=1 bench/run.sh   # 64 MiB / 32 MiB, best of 1, short JMH: under 2 minutes
#
# Sizes and repeats: BENCH_MIB (forward, pipe), BENCH_COMPUTE_MIB (wc, sha256sum), BENCH_REPEAT
# (each time is the best of this many runs), BENCH_STARTUP_RUNS; BENCH_JMH=0 skips JMH and
# BENCH_COLD=0 the cold host-call runs (bench/hostcall.sh, which also runs on its own). Data goes
# to BENCH_DIR (default a temporary directory, removed at the end). Builds what it needs first:
# the project with -Pbench, and bench/wasm if missing. Needs java 17, node >= 20, /usr/bin/time
# (package time), optionally hyperfine. Each time is wall-clock seconds including start-up, with
# the peak RSS of the process; ratios are throughput ratios (higher is better for iotypes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

quick="${BENCH_QUICK:-0}"
if [ "$quick" = 1 ]; then
  mib="${BENCH_MIB:-64}" cmib="${BENCH_COMPUTE_MIB:-32}" repeat="${BENCH_REPEAT:-1}"
  startup_runs="${BENCH_STARTUP_RUNS:-5}"
else
  mib="${BENCH_MIB:-1024}" cmib="${BENCH_COMPUTE_MIB:-256}" repeat="${BENCH_REPEAT:-3}"
  startup_runs="${BENCH_STARTUP_RUNS:-10}"
fi

for tool in java node /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done

echo "building (mvn -Pbench package) ..." >&2
mvn -B -q -Pbench package -DskipTests >&2
[ -f bench/wasm/cat.wasm ] || bench/build.sh >&2

dir="${BENCH_DIR:-$(mktemp -d)}"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"
cache="$dir/cache"
export IOTYPES_CACHE="$cache"
bench_cp="iotypes-bench/target/classes:iotypes-bench/target/lib/*"
# The java ./iotypes runs (the build's pick, iotypes-cli/target/java, unless IOTYPES_JAVA or
# JAVA_HOME is set); Chicory's own WASI runs on the same one, so the rows compare hosts, not JVMs.
launcher_java="${IOTYPES_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
[ -n "$launcher_java" ] || [ ! -f iotypes-cli/target/java ] || read -r launcher_java <iotypes-cli/target/java
launcher_java="${launcher_java:-java}"
wasirun=("$launcher_java" -XX:+UseSerialGC -cp "$bench_cp" dev.iotypes.bench.WasiRun)
node_wasi=(node --no-warnings guests/wasi/run-node.mjs)

echo "making data: $mib MiB random, $cmib MiB text ..." >&2
head -c $((mib << 20)) /dev/urandom >"$dir/big.bin"
python3 - "$dir/text.txt" "$cmib" <<'PY'
import random, sys
random.seed(1)
words = [b"alpha", b"beta", b"gamma", b"x", b"lorem", b"ipsum\n", b"dolor  ", b"\t", b"\xc3\xa9t\xc3\xa9"]
size = int(sys.argv[2]) << 20
with open(sys.argv[1], "wb") as f:
    n = 0
    while n < size:
        line = b" ".join(random.choice(words) for _ in range(16)) + b"\n"
        f.write(line); n += len(line)
    f.truncate(size)
PY

# run LABEL STDIN STDOUT CMD...: best wall time of $repeat runs, and that run's peak RSS (KiB),
# into $secs and $rss. The output file is removed before each run, outside the timing.
run() {
  local label="$1" in="$2" out="$3"
  shift 3
  local best="" best_rss="" t
  for _ in $(seq "$repeat"); do
    [ "$out" = /dev/null ] || rm -f "$out"
    [ -z "${also_rm:-}" ] || rm -f "$also_rm"
    sync
    /usr/bin/time -f "%e %M" -o "$dir/time" bash -c 'i=$1 o=$2; shift 2; exec "$@" <"$i" >"$o"' run "$in" "$out" "$@" \
      2>"$dir/stderr" || { echo "bench: $label failed:" >&2; cat "$dir/stderr" >&2; exit 1; }
    read -r t rss <"$dir/time"
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best="$t" best_rss="$rss"
    fi
  done
  secs="$best" rss="$best_rss"
  echo "  $label: $secs s, $((rss / 1024)) MiB" >&2
}

rows=()
# row NAME MIB SECS RSS REF_SECS NOTE: one table line; ratio = REF_SECS / SECS (throughput ratio)
row() {
  local name="$1" size="$2" s="$3" r="$4" ref="$5" note="$6"
  local rate ratio
  rate=$(awk -v m="$size" -v s="$s" 'BEGIN{ if (m == "-") print "-"; else printf "%.0f", m * 1.048576 / s }')
  ratio=$(awk -v a="$ref" -v b="$s" 'BEGIN{ if (a == "-") print "-"; else printf "%.2f×", a / b }')
  rows+=("| $name | $s | $rate | $((r / 1024)) | $ratio | $note |")
}

check_same() { cmp -s "$1" "$2" || { echo "bench: $1 and $2 differ" >&2; exit 1; }; }

libc_cli=0
if ./iotypes run bench/wasm/hello.wasm 2>/dev/null | grep -q hello; then libc_cli=1; fi
libc() { # the libc mode: through the CLI once it runs WASI commands, else in-JVM (WasiRun)
  if [ "$libc_cli" = 1 ]; then echo ./iotypes run "$1"; else echo "${wasirun[@]}" iotypes "$1"; fi
}

# The data is fresh: write it back and read it once, so the first timed run (native cat) neither
# waits for a gigabyte of writeback nor reads from the disk, and every row sees it in the page cache.
sync
cat "$dir/big.bin" "$dir/text.txt" >/dev/null
echo "warming the module cache ..." >&2
for m in guests/wasm/cat.wasm guests/wasm/wc.wasm guests/wasm/sha256sum.wasm guests/wasm/hello.wasm; do
  ./iotypes run "$m" --help >/dev/null 2>&1 || true
  ./iotypes run "$m" - - </dev/null >/dev/null 2>&1 || true
done
for m in cat wc sha256sum hello; do "${wasirun[@]}" iotypes "bench/wasm/$m.wasm" </dev/null >/dev/null; done

echo "1. forward ($mib MiB file to file)" >&2
run "native cat" "$dir/big.bin" "$dir/out.native" cat
ref="$secs"; row "1 forward: native \`cat\`" "$mib" "$secs" "$rss" "-" "reference"
also_rm="$dir/out.iot" run "iotypes cat.wasm paths" /dev/null /dev/null ./iotypes run guests/wasm/cat.wasm "$dir/big.bin" "$dir/out.iot"
check_same "$dir/big.bin" "$dir/out.iot"
row "1 forward: iotypes \`cat.wasm IN OUT\`" "$mib" "$secs" "$rss" "$ref" "target ≥ 0.90× native"
run "iotypes cat.wasm - -" "$dir/big.bin" "$dir/out.iot" ./iotypes run guests/wasm/cat.wasm - -
check_same "$dir/big.bin" "$dir/out.iot"
row "1 forward: iotypes \`cat.wasm - - <IN >OUT\`" "$mib" "$secs" "$rss" "$ref" "target ≥ 0.90× native"

echo "2. read/write loop ($mib MiB stdin to stdout file, bench/wasm/cat.wasm)" >&2
run "native cat" "$dir/big.bin" "$dir/out.native" cat
row "2 rw loop: native \`cat\`" "$mib" "$secs" "$rss" "-" "for scale"
run "node wasi" "$dir/big.bin" "$dir/out.node" "${node_wasi[@]}" bench/wasm/cat.wasm
check_same "$dir/big.bin" "$dir/out.node"
node_s="$secs"; row "2 rw loop: Node 20 WASI" "$mib" "$secs" "$rss" "-" "reference"
run "chicory wasi" "$dir/big.bin" "$dir/out.chicory" "${wasirun[@]}" chicory bench/wasm/cat.wasm
check_same "$dir/big.bin" "$dir/out.chicory"
chicory_s="$secs"; row "2 rw loop: Chicory 1.7.5 WASI (compiled)" "$mib" "$secs" "$rss" "$node_s" "vs Node"
# shellcheck disable=SC2046 # libc prints a command line, split on purpose
run "iotypes libc mode" "$dir/big.bin" "$dir/out.iot" $(libc bench/wasm/cat.wasm)
check_same "$dir/big.bin" "$dir/out.iot"
row "2 rw loop: iotypes libc mode, vs Node" "$mib" "$secs" "$rss" "$node_s" "target ≥ 1.2× Node"
row "2 rw loop: iotypes libc mode, vs Chicory WASI" "$mib" "$secs" "$rss" "$chicory_s" "target ≥ 3× Chicory WASI"
rm -f "$dir"/out.*

echo "3. compute + I/O ($cmib MiB text)" >&2
for tool in wc sha256sum; do
  run "native $tool" "$dir/text.txt" "$dir/$tool.native" "$tool"
  ref="$secs"; row "3 $tool: native \`$tool\`" "$cmib" "$secs" "$rss" "-" "reference"
  run "iotypes $tool.wasm" "$dir/text.txt" "$dir/$tool.iot" ./iotypes run "guests/wasm/$tool.wasm" - -
  iot_s="$secs" iot_rss="$rss"
  row "3 $tool: iotypes \`guests/wasm/$tool.wasm\` (typed main)" "$cmib" "$secs" "$rss" "$ref" "vs native"
  run "node $tool" "$dir/text.txt" "$dir/$tool.node" "${node_wasi[@]}" "bench/wasm/$tool.wasm"
  row "3 $tool: Node WASI \`bench/wasm/$tool.wasm\` (libc)" "$cmib" "$secs" "$rss" "$ref" "vs native"
  row "3 $tool: iotypes typed main, vs Node WASI" "$cmib" "$iot_s" "$iot_rss" "$secs" "ratio to Node"
  # shellcheck disable=SC2046
  run "iotypes libc $tool" "$dir/text.txt" "$dir/$tool.libc" $(libc "bench/wasm/$tool.wasm")
  row "3 $tool: iotypes libc mode \`bench/wasm/$tool.wasm\`" "$cmib" "$secs" "$rss" "$ref" "vs native"
  [ "$(awk '{print $1, $2, $3}' "$dir/$tool.native" | tr -s ' ')" = "$(awk '{print $1, $2, $3}' "$dir/$tool.iot" | tr -s ' ')" ] ||
    { [ "$tool" = sha256sum ] && [ "$(cut -c1-64 "$dir/$tool.native")" = "$(cut -c1-64 "$dir/$tool.iot")" ]; } ||
    { echo "bench: $tool results differ" >&2; exit 1; }
done

echo "5. start-up (hello)" >&2
startup() { # LABEL CMD...: mean wall seconds over $startup_runs runs (hyperfine if present)
  local label="$1"
  shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r "$startup_runs" --export-json "$dir/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    secs=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$dir/h.json")
  else
    local start end
    start=$(date +%s.%N)
    for _ in $(seq "$startup_runs"); do "$@" >/dev/null; done
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" -v n="$startup_runs" 'BEGIN{printf "%.3f", (b - a) / n}')
  fi
  /usr/bin/time -f "%M" -o "$dir/time" "$@" >/dev/null 2>&1
  rss=$(cat "$dir/time")
  echo "  $label: $secs s, $((rss / 1024)) MiB" >&2
}
startup "java" java -XX:+UseSerialGC -cp iotypes-bench/target/classes dev.iotypes.bench.Hello
row "5 start-up: a Java hello world (java on the PATH), for scale" "-" "$secs" "$rss" "-" "JVM floor"
startup "node" "${node_wasi[@]}" bench/wasm/hello.wasm
node_s="$secs"; row "5 start-up: Node WASI hello (libc)" "-" "$secs" "$rss" "-" "reference"
startup "iotypes cache+cds" ./iotypes run guests/wasm/hello.wasm -
row "5 start-up: iotypes hello, module cache + start-up archive" "-" "$secs" "$rss" "$node_s" "target ≥ 1.00× Node"
startup "iotypes cache" env IOTYPES_CDS=off ./iotypes run guests/wasm/hello.wasm -
row "5 start-up: iotypes hello, module cache, no archive" "-" "$secs" "$rss" "$node_s" "vs Node"
startup "iotypes none" env IOTYPES_CDS=off IOTYPES_CACHE=off ./iotypes run guests/wasm/hello.wasm -
row "5 start-up: iotypes hello, no cache, no archive" "-" "$secs" "$rss" "$node_s" "vs Node"
startup "iotypes interpreter" ./iotypes run --interpreter guests/wasm/hello.wasm -
row "5 start-up: iotypes hello, --interpreter, archive" "-" "$secs" "$rss" "$node_s" "vs Node"

echo "4. host-call overhead (bench/hostcall.sh: JMH steady state and cold one-shot)" >&2
host_rows=$(BENCH_QUICK="$quick" bench/hostcall.sh)

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), iotypes and Chicory WASI on $("$launcher_java" -version 2>&1 | head -1), JMH on $(java -version 2>&1 | head -1), node $(node --version); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Sizes: forward and pipe $mib MiB, compute $cmib MiB; each time is the best of $repeat run(s), start-up the mean of $startup_runs."
echo
echo "| benchmark | seconds | MB/s | peak RSS MiB | ratio | note |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
if [ -n "$host_rows" ]; then
  echo
  echo "| benchmark | rate | ns/call | B/call | ratio | note |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "$host_rows"
fi
