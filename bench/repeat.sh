#!/usr/bin/env bash
# What a run of a big module costs once the JVM has compiled it: Yosys (the engine table's 30 MB
# module, bench/engine.sh's command) loaded once and run N times in one JVM, each run in a fresh
# instance (dev.iotypes.bench.Repeat, as an embedder that keeps a plugin loaded), against the same
# command under Node's WASI, one process a run, and under ./iotypes run, one JVM a run (cached
# module). Prints a Markdown table of wall and CPU seconds; ratios of CPU against Node's.
#
#   BENCH_WORK=DIR   where bench/programs.sh put Yosys (default bench/work)
#   BENCH_RUNS=N     runs in the one JVM (default 6); the steady figure is the median of runs 3..N
#   BENCH_REPEAT=N   processes for Node and ./iotypes run (default 3, median)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_WORK:-bench/work}"
runs="${BENCH_RUNS:-6}"
repeat="${BENCH_REPEAT:-3}"
yosys="$work/yosys/current"
[ -f "$yosys/yosys.wasm" ] || { echo "bench: no $yosys/yosys.wasm (run bench/programs.sh)" >&2; exit 2; }
[ "$runs" -ge 3 ] || { echo "bench: BENCH_RUNS must be 3 or more" >&2; exit 2; }
for tool in node /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done

echo "building (mvn -Pbench package) ..." >&2
mvn -B -q -Pbench package -DskipTests >&2
java="${IOTYPES_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
[ -n "$java" ] || [ ! -f iotypes-cli/target/java ] || read -r java <iotypes-cli/target/java
java="${java:-java}"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/work" "$dir/tmp"
cp bench/programs/yosys/design.v "$dir/work/"
export IOTYPES_CACHE="$dir/cache"
dirs=(--dir "$yosys/share::/share" --dir "$dir/work::/work" --dir "$dir/tmp::/tmp")
script="read_verilog /work/design.v; synth_ice40 -top top; write_json /work/netlist.json; tee -q -o /work/stat.txt stat"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# times COMMAND... : "wall cpu" of one process
times() {
  /usr/bin/time -f '%e %U %S' -o "$dir/time" "$@" >/dev/null 2>"$dir/err" \
    || { echo "bench: failed: $* ($(tail -1 "$dir/err"))" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$dir/time"
}
per_process() { # label COMMAND...: median wall and CPU of $repeat processes
  local label="$1" walls=() cpus=() w c
  shift
  for _ in $(seq "$repeat"); do
    read -r w c < <(times "$@")
    walls+=("$w") cpus+=("$c")
  done
  printf '%s %s %s\n' "$label" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
}

echo "Node, one process a run ..." >&2
node_row="$(per_process node node --no-warnings guests/wasi/run-node.mjs "${dirs[@]}" "$yosys/yosys.wasm" -q -p "$script")"
cp "$dir/work/stat.txt" "$dir/stat.node"
echo "./iotypes run, one JVM a run (the first fills the module cache) ..." >&2
times ./iotypes run "${dirs[@]}" "$yosys/yosys.wasm" -q -p "$script" >/dev/null
cli_row="$(per_process cli ./iotypes run "${dirs[@]}" "$yosys/yosys.wasm" -q -p "$script")"
echo "one JVM, $runs runs ..." >&2
# the launcher's JIT flags (./iotypes), so the JVM compiles as it does for ./iotypes run
"$java" -XX:+UseSerialGC -XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=2000 \
  -XX:Tier4CompileThreshold=30000 -XX:Tier4BackEdgeThreshold=120000 \
  --add-opens java.base/sun.nio.fs=ALL-UNNAMED -cp "iotypes-bench/target/classes:iotypes-bench/target/lib/*" \
  dev.iotypes.bench.Repeat "$runs" "$yosys/yosys.wasm" "${dirs[@]}" -- -q -p "$script" \
  >"$dir/repeat" 2>"$dir/err" || { echo "bench: Repeat failed: $(tail -3 "$dir/err")" >&2; exit 1; }
cmp -s "$dir/work/stat.txt" "$dir/stat.node" || { echo "bench: Yosys' stat differs from Node's" >&2; exit 1; }
grep -q 'status [^0]' "$dir/repeat" && { echo "bench: a run failed: $(cat "$dir/repeat")" >&2; exit 1; }

read -r _ node_wall node_cpu <<<"$node_row"
read -r _ cli_wall cli_cpu <<<"$cli_row"
field() { sed -n "s/^$1: status [0-9]*, wall \([0-9.]*\) s, cpu \([0-9.]*\) s$/\\$2/p" "$dir/repeat"; }
first_wall="$(field 'run 1' 1)" first_cpu="$(field 'run 1' 2)"
steady_wall="$(for i in $(seq 3 "$runs"); do field "run $i" 1; done | median)"
steady_cpu="$(for i in $(seq 3 "$runs"); do field "run $i" 2; done | median)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

echo "Machine: $(nproc) cores; $("$java" -version 2>&1 | head -1); node $(node --version); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Yosys synth_ice40 (tiny design); every run's stat report compared with Node's. Wall / CPU seconds."
echo
echo "| how | wall | CPU | CPU / Node's |"
echo "| --- | --- | --- | --- |"
echo "| Node, one process a run (median of $repeat) | $node_wall | $node_cpu | 1.00× |"
echo "| ./iotypes run, one JVM a run, cached module (median of $repeat) | $cli_wall | $cli_cpu | $(ratio "$cli_cpu" "$node_cpu") |"
echo "| one JVM, module loaded once: run 1 | $first_wall | $first_cpu | $(ratio "$first_cpu" "$node_cpu") |"
echo "| one JVM, module loaded once: runs 3–$runs (median) | $steady_wall | $steady_cpu | $(ratio "$steady_cpu" "$node_cpu") |"
