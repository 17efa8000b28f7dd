#!/usr/bin/env bash
# Benchmark 4 of issue 5, host-call overhead: a compiled guest loop calling output-write with 0
# bytes on a null output, against the same loop calling a bare Chicory host function returning a
# constant (dev.iotypes.bench.HostCallBench), measured two ways in the same run:
#
#   JMH steady state  the JMH benchmark (its fork and iteration settings), with -prof gc for the
#                     bytes allocated per call
#   cold one-shot     a fresh JVM per run sets both modules up, then times one 10 M-call loop
#                     (instantiation included): what a short-lived program sees; best of
#                     BENCH_REPEAT runs, bare and iotypes alternating
#
#   bench/hostcall.sh              # prints Markdown table rows, with ratios to bare
#   BENCH_QUICK=1 bench/hostcall.sh
#
# BENCH_JMH=0 skips JMH, BENCH_COLD=0 the cold runs. Expects the project built with -Pbench
# (bench/run.sh builds it; BENCH_BUILD=1 here builds it first).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$(dirname "$here")"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  repeat="${BENCH_REPEAT:-3}" jmh_opts=(-wi 1 -w 1 -i 2 -r 1)
else
  repeat="${BENCH_REPEAT:-5}" jmh_opts=()
fi
[ "${BENCH_BUILD:-0}" = 0 ] || mvn -B -q -Pbench package -DskipTests >&2
bench_cp="iotypes-bench/target/classes:iotypes-bench/target/lib/*"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ "${BENCH_JMH:-1}" = 1 ]; then
  echo "4. host-call overhead, JMH steady state ..." >&2
  java -cp "$bench_cp" org.openjdk.jmh.Main "${jmh_opts[@]}" -prof gc -rf json -rff "$tmp/jmh.json" \
    HostCallBench >"$tmp/jmh.txt" 2>&1 || { tail -20 "$tmp/jmh.txt" >&2; exit 1; }
  python3 - "$tmp/jmh.json" <<'PY'
import json, sys
rows = {}
for b in json.load(open(sys.argv[1])):
    m = b["primaryMetric"]
    err = m["scoreError"]
    err = float(err) if err not in ("NaN", None) else 0.0
    alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    rows[b["benchmark"].rsplit(".", 1)[1]] = (m["score"], err, alloc)
def row(name, key, note):
    score, err, alloc = rows[key]
    b_op = "-" if alloc is None else "%.1f" % alloc
    print("| 4 host calls, JMH: %s | %.1f M calls/s ± %.1f | %.2f | %s | %s |"
          % (name, score / 1e6, err / 1e6, 1e9 / score, b_op, note))
bare = rows["bareChicory"][0]
row("bare Chicory host function", "bareChicory", "reference")
row("iotypes output-write (0 bytes)", "iotypesOutputWrite",
    "%.2f× (target ≥ 0.80×)" % (rows["iotypesOutputWrite"][0] / bare))
PY
fi

if [ "${BENCH_COLD:-1}" = 1 ]; then
  echo "4. host-call overhead, cold one-shot (best of $repeat fresh JVMs each) ..." >&2
  cold=(java -Xms256m -Xmx256m -cp "$bench_cp" dev.iotypes.bench.HostCallBench)
  best_bare="" best_iot=""
  for _ in $(seq "$repeat"); do
    ns=$("${cold[@]}" bare)
    [ -n "$best_bare" ] && [ "$best_bare" -le "$ns" ] || best_bare="$ns"
    ns=$("${cold[@]}" iotypes)
    [ -n "$best_iot" ] && [ "$best_iot" -le "$ns" ] || best_iot="$ns"
  done
  awk -v b="$best_bare" -v i="$best_iot" 'BEGIN {
    n = 10000000
    printf "| 4 host calls, cold one-shot (fresh JVM, 10 M calls, %.3f s): bare Chicory | %.1f M calls/s | %.2f | - | reference |\n", b / 1e9, n / b * 1e3, b / n
    printf "| 4 host calls, cold one-shot (fresh JVM, 10 M calls, %.3f s): iotypes output-write | %.1f M calls/s | %.2f | - | %.2f× (target ≥ 0.80×) |\n", i / 1e9, n / i * 1e3, i / n, b / i
  }'
fi
