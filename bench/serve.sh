#!/usr/bin/env bash
# What a run of a big module costs through `./iotypes serve`: Yosys (bench/engine.sh's command, as
# bench/repeat.sh runs it) run N times by `./iotypes run`, once one JVM a run (IOTYPES_SERVER=off,
# module cache warm) and once handed to a server started here. A served run's honest CPU is the
# client's plus what the server spent meanwhile (/proc/PID/stat utime+stime before and after).
# Node's WASI runs it N times first, one process a run, as the yardstick. Prints a Markdown table of
# wall and CPU seconds per run; every run's stat report is compared with
# the first in-process one.
#
#   BENCH_WORK=DIR   where bench/programs.sh put Yosys (default bench/work)
#   BENCH_RUNS=N     runs each way (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_WORK:-bench/work}"
runs="${BENCH_RUNS:-5}"
yosys="$work/yosys/current"
[ -f "$yosys/yosys.wasm" ] || { echo "bench: no $yosys/yosys.wasm (run bench/programs.sh)" >&2; exit 2; }
for tool in node /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  echo "building (mvn package) ..." >&2
  mvn -B -q package -DskipTests >&2
fi

dir="$(mktemp -d)"
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/work" "$dir/tmp"
cp bench/programs/yosys/design.v "$dir/work/"
export IOTYPES_CACHE="$dir/cache"
socket="$dir/sock/server.sock"
dirs=(--dir "$yosys/share::/share" --dir "$dir/work::/work" --dir "$dir/tmp::/tmp")
script="read_verilog /work/design.v; synth_ice40 -top top; write_json /work/netlist.json; tee -q -o /work/stat.txt stat"
tick="$(getconf CLK_TCK)"

# times: "wall cpu" of one ./iotypes run of Yosys
times() {
  /usr/bin/time -f '%e %U %S' -o "$dir/time" ./iotypes run "${dirs[@]}" "$yosys/yosys.wasm" -q -p "$script" \
    >/dev/null 2>"$dir/err" || { echo "bench: failed: $(tail -1 "$dir/err")" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$dir/time"
}
server_cpu() { awk -v t="$tick" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$server/stat"; }

echo "Node's WASI, one process a run (the yardstick) ..." >&2
node_rows=()
for i in $(seq "$runs"); do
  /usr/bin/time -f '%e %U %S' -o "$dir/time" node --no-warnings guests/wasi/run-node.mjs "${dirs[@]}" \
    "$yosys/yosys.wasm" -q -p "$script" >/dev/null 2>"$dir/err" \
    || { echo "bench: node failed: $(tail -1 "$dir/err")" >&2; exit 1; }
  node_rows+=("$(awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$dir/time")")
done
cp "$dir/work/stat.txt" "$dir/stat.node"

echo "in-process, one JVM a run (the first fills the module cache, not counted) ..." >&2
export IOTYPES_SERVER=off
times >/dev/null
cp "$dir/work/stat.txt" "$dir/stat.first"
cmp -s "$dir/stat.first" "$dir/stat.node" || { echo "bench: stat differs from Node's" >&2; exit 1; }
local_rows=()
for i in $(seq "$runs"); do
  local_rows+=("$(times)")
  cmp -s "$dir/work/stat.txt" "$dir/stat.first" || { echo "bench: stat differs" >&2; exit 1; }
done

echo "served: ./iotypes serve, then $runs runs ..." >&2
export IOTYPES_SERVER="$socket"
./iotypes serve 2>"$dir/serve.log" &
server=$!
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "bench: the server did not start: $(cat "$dir/serve.log")" >&2; exit 1; }
idle="$(server_cpu)"
served_rows=()
for i in $(seq "$runs"); do
  before="$(server_cpu)"
  read -r w c < <(times)
  after="$(server_cpu)"
  served_rows+=("$w $c $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')")
  cmp -s "$dir/work/stat.txt" "$dir/stat.first" || { echo "bench: served stat differs" >&2; exit 1; }
done

sleep 2 # what the server's JIT still compiles after the last run is counted too
total="$(awk -v a="$(server_cpu)" -v b="$idle" 'BEGIN { printf "%.2f", a - b }')"
java="$(cat iotypes-cli/target/java 2>/dev/null || echo java)"
echo "Machine: $(nproc) cores; $("$java" -version 2>&1 | head -1); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Yosys synth_ice40 (tiny design) by ./iotypes run; stat report compared every run. Seconds."
echo "Server CPU at start, before any run: $idle s; over the $runs runs, from start to 2 s after the last"
echo "(its JIT's work between runs included): $total s, against the rows' server sum of $(printf '%s\n' "${served_rows[@]}" | awk '{ s += $3 } END { printf "%.2f", s }') s."
echo
echo "| run | Node wall | Node CPU | in-process wall | in-process CPU | served wall | client CPU | server CPU | served CPU (client + server) | served / Node, wall | served / Node, CPU |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for i in $(seq 0 $((runs - 1))); do
  read -r nw nc <<<"${node_rows[$i]}"
  read -r lw lc <<<"${local_rows[$i]}"
  read -r sw sc sv <<<"${served_rows[$i]}"
  st="$(awk -v a="$sc" -v b="$sv" 'BEGIN { printf "%.2f", a + b }')"
  echo "| $((i + 1)) | $nw | $nc | $lw | $lc | $sw | $sc | $sv | $st |" \
    "$(awk -v a="$sw" -v b="$nw" 'BEGIN { printf "%.2f×", a / b }') |" \
    "$(awk -v a="$st" -v b="$nc" 'BEGIN { printf "%.2f×", a / b }') |"
done
