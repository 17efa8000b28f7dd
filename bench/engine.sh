#!/usr/bin/env bash
# Real C programs that nobody in this project wrote (and one of our own, an interpreter-style
# bytecode VM, bench/programs/vm/vm.c), compiled to wasm32-wasi, under native code,
# Node 20's WASI and `./iotypes run` with each execution engine, in one run, printed as Markdown
# tables with the iotypes/Node ratio:
#
#   bench/engine.sh                  # full sizes, each time the median of 3 runs
#   BENCH_QUICK=1 bench/engine.sh    # smaller inputs, 1 run each
#
# Programs (built by bench/programs.sh from Debian source packages and npm into bench/work/,
# which is git-ignored; see there for every flag): zlib's minigzip (gzip and gunzip of text),
# bzip2 (compress and decompress), Lua 5.4 running four Benchmarks Game kernels
# (bench/programs/lua/), the VM running its four kernels, and Yosys from npm @yowasp/yosys (synth_ice40 of a tiny design,
# bench/programs/yosys/design.v; first run with an empty module cache, then a cached run).
# The text is the three Debian source trees concatenated and repeated to size.
#
# Columns: native (the same C source, gcc -O2; Yosys has none), Node (node:wasi through
# guests/wasi/run-node.mjs), then `./iotypes run --engine=NAME` for each NAME in BENCH_ENGINES
# (default "chicory iotypes served"; "interpreter" also works), one JVM a run. "served" is
# `./iotypes run` handed to an `./iotypes serve` (docs/server.md) that this script starts afresh
# for each program and that has run the same command BENCH_SERVED_WARMUP times (default 2)
# before the timed runs: what a command-line user's repeated runs cost once the server has
# compiled the module. Its CPU is the client's plus the server's over the run (/proc/PID/stat),
# its peak RSS the server's (VmHWM) plus the client's. Every other runner has IOTYPES_SERVER=off,
# so no server of the user's takes its runs. While the CLI has no --engine flag
# (detected: `--engine=chicory` is a usage error), each engine runs without it, i.e. today's
# default, Chicory's compiler; the interpreter with --interpreter. ./iotypes runs as it is (its
# launcher picks the JVM and its flags).
#
# Every output (stdout, plus the files Yosys writes) is compared with cmp against native's, or
# against Node's where there is no native build; a mismatch or a failed run is reported loudly,
# marked in the table, and makes the script exit 1 after printing the tables. A run that exceeds
# the timeout is killed and shown as "timeout" (no more repeats of it).
#
# Settings (environment):
#   BENCH_QUICK=1         smaller inputs (gzip 8 MiB, bzip2 2 MiB, small kernels), BENCH_REPEAT 1
#   BENCH_REPEAT=N        runs per cell, the median is shown (default 3, quick 1)
#   BENCH_TIMEOUT=S       per-command timeout in seconds (default 300)
#   BENCH_TIMEOUT_FIRST=S timeout of Yosys' first (uncached) runs (default 900: Chicory's
#                         compiler takes about 290 s for its 30 MB module on 2 cores)
#   BENCH_FIRST_REPEAT=N  Yosys first runs per cell (default 1: each one compiles from nothing)
#   BENCH_ENGINES="..."   engines to run (default "chicory iotypes served")
#   BENCH_SERVED_WARMUP=N untimed runs of each command by the server before its timed ones (2)
#   BENCH_ONLY="..."      run only these groups: gzip bzip2 lua vm yosys (default all)
#   BENCH_WORK=DIR        build and data cache (default bench/work); runs go to DIR/run
#   BENCH_GZIP_MIB, BENCH_BZIP2_MIB, BENCH_FANNKUCH, BENCH_NBODY, BENCH_SPECTRAL, BENCH_TREES
#                         override one size
# Times: wall and CPU (user+sys, all threads: JIT and GC included) seconds and peak RSS, from
# /usr/bin/time, of the whole command including start-up. Ratios are iotypes time / Node time
# (below 1: iotypes faster). Needs node >= 20, /usr/bin/time, timeout (coreutils), cmp.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

quick="${BENCH_QUICK:-0}"
if [ "$quick" = 1 ]; then
  repeat="${BENCH_REPEAT:-1}"
  gzip_mib="${BENCH_GZIP_MIB:-8}" bzip2_mib="${BENCH_BZIP2_MIB:-2}"
  fannkuch="${BENCH_FANNKUCH:-9}" nbody="${BENCH_NBODY:-100000}"
  spectral="${BENCH_SPECTRAL:-200}" trees="${BENCH_TREES:-12}"
  vm_n="${BENCH_VM:-4}"
else
  repeat="${BENCH_REPEAT:-3}"
  gzip_mib="${BENCH_GZIP_MIB:-40}" bzip2_mib="${BENCH_BZIP2_MIB:-10}"
  fannkuch="${BENCH_FANNKUCH:-10}" nbody="${BENCH_NBODY:-1000000}"
  spectral="${BENCH_SPECTRAL:-1000}" trees="${BENCH_TREES:-15}"
  vm_n="${BENCH_VM:-20}"
fi
timeout_s="${BENCH_TIMEOUT:-300}"
first_timeout_s="${BENCH_TIMEOUT_FIRST:-900}"
first_repeat="${BENCH_FIRST_REPEAT:-1}"
read -r -a engines <<<"${BENCH_ENGINES:-chicory iotypes served}"
served_warmup="${BENCH_SERVED_WARMUP:-2}"
export IOTYPES_SERVER=off
only=" ${BENCH_ONLY:-gzip bzip2 lua vm yosys} "

log() { echo "engine.sh: $*" >&2; }
die() { echo "engine.sh: $*" >&2; exit 2; }
for tool in node /usr/bin/time timeout cmp awk; do
  command -v "$tool" >/dev/null || die "needs $tool"
done
[ -x ./iotypes ] || die "no ./iotypes launcher"
if ! ./iotypes run guests/wasi/wasm/cat.wasm </dev/null >/dev/null 2>&1; then
  log "./iotypes does not run; building the CLI once (mvn -B -q -o package -DskipTests)"
  mvn -B -q -o package -DskipTests >&2
fi

log "building the programs (bench/programs.sh) ..."
work="$(bench/programs.sh)"
build="$work/build"
yosys_dir="$work/yosys/current"
run="$work/run"
rm -rf "$run"
mkdir -p "$run"

# --- the CLI's --engine flag ---------------------------------------------------------------------
# Which CLI: the commit now, and a stamp to tell at the end whether its build changed mid-run.
cli_commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD -- iotypes-core iotypes-wasm iotypes-wasi iotypes-engine iotypes-cli 2>/dev/null ||
  cli_commit+=" plus uncommitted changes"
touch "$run/cli-stamp"
engine_flag=1
if ! out="$(./iotypes run --engine=chicory guests/wasi/wasm/cat.wasm </dev/null 2>&1 >/dev/null)"; then
  status=$?
  if [ "$status" = 2 ] && grep -qi -- 'engine' <<<"$out"; then
    engine_flag=0
    log "the CLI has no --engine flag yet ($out); every engine column runs without it (today's default: Chicory's compiler)"
  else
    die "./iotypes run --engine=chicory failed (exit $status): $out"
  fi
fi
# engine_args NAME: the flags that pick engine NAME, into the array $eargs.
engine_args() {
  if [ "$engine_flag" = 1 ]; then
    case "$1" in
      served) eargs=(--engine=iotypes) ;;
      *) eargs=("--engine=$1") ;;
    esac
  else
    case "$1" in
      interpreter) eargs=(--interpreter) ;;
      *) eargs=() ;;
    esac
  fi
}
engine_title() {
  case "$1" in
    chicory) echo "chicory compiler" ;;
    iotypes) echo "iotypes engine" ;;
    served) echo "iotypes served, warm" ;;
    interpreter) echo "chicory interpreter" ;;
    *) echo "$1" ;;
  esac
}

# --- inputs --------------------------------------------------------------------------------------
# text MIB: the corpus repeated to exactly MIB MiB, cached in work/data; prints its path.
text() {
  local file="$work/data/text-$1M.txt" size=$(($1 << 20))
  if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != "$size" ] || [ "$file" -ot "$work/data/corpus.txt" ]; then
    local n=$((size / $(stat -c %s "$work/data/corpus.txt") + 1)) i
    # (head stops reading early: the loop's SIGPIPE is expected, the size is checked instead)
    for ((i = 0; i < n; i++)); do cat "$work/data/corpus.txt"; done | head -c "$size" >"$file.tmp" || true
    [ "$(stat -c %s "$file.tmp")" = "$size" ] || die "could not make $file"
    mv "$file.tmp" "$file"
  fi
  echo "$file"
}

# --- measuring -----------------------------------------------------------------------------------
declare -A wall cpu rss note
rows=()        # benchmark keys in order
declare -A title
failures=()
runners=(native node)
for e in "${engines[@]}"; do runners+=("engine:$e"); done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The benchmark being defined (set by each group below before calling measure_all):
#   b_key, b_title, b_in (stdin), b_prog (minigzip, bzip2, lua, yosys), b_args (program args,
#   guest paths), b_dirs (HOST::GUEST pairs, passed as --dir to wasm runs and mapped back to host
#   paths for the native one), b_outs (files the program writes, compared too, removed before a
#   run), b_timeout, b_repeat, b_cache (IOTYPES_CACHE per engine: "warm" = a shared one warmed by
#   a trivial run, "fresh" = emptied before each run, "yosys" = the one the engine's Yosys first
#   run left), b_after (a function called with each runner after its runs)

# command RUNNER: the command line for the current benchmark, into the array $cmd.
command_for() {
  local runner="$1" a pair host guest dirflags=()
  for pair in "${b_dirs[@]}"; do dirflags+=(--dir "$pair"); done
  case "$runner" in
    native)
      cmd=("$build/native/$b_prog")
      for a in "${b_args[@]}"; do
        for pair in "${b_dirs[@]}"; do
          host="${pair%%::*}" guest="${pair#*::}"
          case "$a" in "$guest"/*) a="$host/${a#"$guest"/}" ;; esac
        done
        cmd+=("$a")
      done
      ;;
    node) cmd=(node --no-warnings guests/wasi/run-node.mjs "${dirflags[@]}" "$(module)" "${b_args[@]}") ;;
    engine:*)
      engine_args "${runner#engine:}"
      cmd=(./iotypes run "${eargs[@]}" "${dirflags[@]}" "$(module)" "${b_args[@]}")
      ;;
  esac
}
module() {
  case "$b_prog" in
    yosys) echo "$yosys_dir/yosys.wasm" ;;
    *) echo "$build/wasm/$b_prog.wasm" ;;
  esac
}
has_native() { [ "$b_prog" != yosys ]; }

# once RUNNER CACHE TIMEOUT RESULT: one timed run; its output (stdout, then each of $b_outs) into
# RESULT; sets $r_wall $r_cpu $r_rss and $r_status (0, a failure's exit status, or "timeout").
once() {
  local runner="$1" cache="$2" limit="$3" result="$4" status=0 f
  command_for "$runner"
  for f in "${b_outs[@]}"; do rm -f "$f"; done
  printf '%q ' "${cmd[@]}" >"$run/last-command"
  local listening=off before=0
  if [ "$runner" = engine:served ]; then
    listening="$socket" before="$(server_cpu)"
  fi
  if IOTYPES_SERVER="$listening" IOTYPES_CACHE="$cache" /usr/bin/time -f '%e %U %S %M' -o "$run/time" \
    timeout -k 10 "$limit" "${cmd[@]}" <"$b_in" >"$result" 2>"$run/stderr"; then
    status=0
  else
    status=$?
  fi
  read -r r_wall user sys r_rss < <(tail -n 1 "$run/time")
  r_cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  if [ "$runner" = engine:served ]; then # the server's share of the run
    r_cpu=$(awk -v c="$r_cpu" -v a="$(server_cpu)" -v b="$before" 'BEGIN { printf "%.2f", c + a - b }')
    r_rss=$((r_rss + $(awk '/^VmHWM/ { print $2 }' "/proc/$server/status")))
  fi
  case "$status" in
    124 | 137) r_status=timeout ;;
    *) r_status="$status" ;;
  esac
  for f in "${b_outs[@]}"; do
    if [ -f "$f" ]; then cat "$f" >>"$result"; else echo "(no $f)" >>"$result"; fi
  done
}

# --- the server of the "served" runner -----------------------------------------------------------
server="" socket="$run/served/server.sock" tick="$(getconf CLK_TCK)"
stop_server() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
trap stop_server EXIT
# start_server: a new server for the next program, so that its memory and CPU are that program's.
start_server() {
  stop_server
  mkdir -p "$run/served"
  chmod 700 "$run/served"
  rm -f "$socket"
  IOTYPES_SERVER="$socket" ./iotypes serve 2>"$run/served/log" &
  server=$!
  local i
  for ((i = 0; i < 200; i++)); do [ -S "$socket" ] && return 0; sleep 0.1; done
  die "./iotypes serve did not start: $(cat "$run/served/log")"
}
server_cpu() { awk -v t="$tick" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$server/stat"; }

declare -A warmed
# warm RUNNER: the first use of a module under an engine fills its module cache, untimed, with a
# trivial run (for the "warm" cache kind), so every timed run measures the cached module.
warm() {
  local runner="$1" key="$1|$b_prog"
  [ "${runner%%:*}" = engine ] && [ "$runner" != engine:served ] && [ "$b_cache" = warm ] &&
    [ -z "${warmed[$key]:-}" ] || return 0
  warmed[$key]=1
  local saved_args=("${b_args[@]}") saved_in="$b_in" saved_outs=("${b_outs[@]}")
  case "$b_prog" in
    minigzip | bzip2) b_args=() ;;
    lua) b_args=(-v) ;;
    vm) b_args=(1) ;;
    *) b_args=(-V) ;;
  esac
  b_in=/dev/null b_outs=()
  log "  warming the module cache: $b_prog under $runner"
  once "$runner" "$run/cache/${runner#engine:}" "$timeout_s" "$run/warm.out"
  b_args=("${saved_args[@]}") b_in="$saved_in" b_outs=("${saved_outs[@]}")
  [ "$r_status" = 0 ] || log "  (warm-up ended with status $r_status; the timed runs will show it)"
}

# cache_for RUNNER: the module cache of RUNNER's next run, into $cache.
cache_for() {
  case "$b_cache" in
    warm) cache="$run/cache/${1#engine:}" ;;
    fresh) cache="$run/cache-fresh"; rm -rf "$cache"; mkdir -p "$cache" ;;
    yosys) cache="$run/cache-yosys-${1#engine:}" ;;
  esac
}

# measure_all: every runner on the current benchmark, $b_repeat times each; fills the tables.
measure_all() {
  rows+=("$b_key")
  title[$b_key]="$b_title"
  local reference="" runner i cache walls cpus rsss bad
  log "$b_title"
  for runner in "${runners[@]}"; do
    local k="$b_key|$runner"
    if [ "$runner" = native ] && ! has_native; then note[$k]="-"; continue; fi
    if [ "$runner" = engine:served ] && [ "$b_cache" = fresh ]; then
      note[$k]="(warm only)"
      continue
    fi
    warm "$runner"
    walls=() cpus=() rsss=() bad=""
    if [ "$runner" = engine:served ]; then
      start_server
      for ((i = 1; i <= served_warmup; i++)); do
        cache_for "$runner"
        once "$runner" "$cache" "$b_timeout" "$run/out.warm"
        log "  $runner, untimed warm-up $i: ${r_wall}s wall, ${r_cpu}s cpu, status $r_status"
      done
    fi
    for ((i = 1; i <= b_repeat; i++)); do
      cache_for "$runner"
      once "$runner" "$cache" "$b_timeout" "$run/out.$i"
      log "  $runner: ${r_wall}s wall, ${r_cpu}s cpu, $((r_rss / 1024)) MiB, status $r_status"
      if [ "$r_status" = timeout ]; then bad="timeout (>${b_timeout}s)"; break; fi
      if [ "$r_status" != 0 ]; then
        bad="failed (exit $r_status)"
        failures+=("$b_title under $runner: exit $r_status: $(awk '!/^[[:space:]]*at / && n++ < 4' "$run/stderr" | tr -s '\n\t ' ' ')")
        cp "$run/stderr" "$run/failed-$(echo "$b_key-$runner" | tr -c 'a-zA-Z0-9.-' _).stderr"
        break
      fi
      if [ -z "$reference" ]; then
        # the first successful output, native's where there is one: the reference
        reference="$run/reference.$b_key"
        cp "$run/out.$i" "$reference"
        note[$b_key]="output checked against $runner"
      elif ! cmp -s "$reference" "$run/out.$i"; then
        bad="MISMATCH"
        cp "$run/out.$i" "$run/mismatch-$(echo "$b_key-$runner" | tr -c 'a-zA-Z0-9.-' _)"
        failures+=("$b_title under $runner: output differs from ${note[$b_key]#output checked against } ($(cmp "$reference" "$run/out.$i" 2>&1 | awk 'NR == 1'))")
        log "  MISMATCH: $runner's output differs ($run/mismatch-*)"
        break
      fi
      walls+=("$r_wall") cpus+=("$r_cpu") rsss+=("$r_rss")
    done
    [ "$runner" != engine:served ] || stop_server
    [ -z "${b_after:-}" ] || "$b_after" "$runner"
    if [ -n "$bad" ]; then
      note[$k]="$bad"
    else
      wall[$k]="$(median "${walls[@]}")" cpu[$k]="$(median "${cpus[@]}")" rss[$k]="$(median "${rsss[@]}")"
    fi
  done
}

# --- the benchmarks ------------------------------------------------------------------------------
b_dirs=() b_outs=() b_cache=warm b_timeout="$timeout_s" b_repeat="$repeat" b_after=""

if [[ "$only" == *" gzip "* ]]; then
  in="$(text "$gzip_mib")"
  b_key=gzip b_title="minigzip: gzip $gzip_mib MiB text" b_in="$in" b_prog=minigzip b_args=()
  measure_all
  cp "$run/reference.gzip" "$run/text.gz"
  b_key=gunzip b_title="minigzip -d: gunzip it" b_in="$run/text.gz" b_args=(-d)
  measure_all
fi

if [[ "$only" == *" bzip2 "* ]]; then
  in="$(text "$bzip2_mib")"
  b_key=bzip2 b_title="bzip2 -c: $bzip2_mib MiB text" b_in="$in" b_prog=bzip2 b_args=(-c)
  measure_all
  cp "$run/reference.bzip2" "$run/text.bz2"
  b_key=bunzip2 b_title="bzip2 -dc: decompress it" b_in="$run/text.bz2" b_args=(-dc)
  measure_all
fi

if [[ "$only" == *" lua "* ]]; then
  b_prog=lua b_in=/dev/null b_dirs=("$here/programs/lua::/lua")
  for kernel in "fannkuch-redux $fannkuch" "n-body $nbody" "spectral-norm $spectral" "binary-trees $trees"; do
    read -r name size <<<"$kernel"
    b_key="lua-$name" b_title="lua $name.lua $size" b_args=("/lua/$name.lua" "$size")
    measure_all
  done
  b_dirs=()
fi

if [[ "$only" == *" vm "* ]]; then
  # Our own interpreter-style guest (bench/programs/vm/vm.c): one dispatch loop of sixty-odd
  # opcodes, a single Wasm function whose JVM translation must be outlined.
  b_prog=vm b_in=/dev/null b_dirs=()
  b_key=vm b_title="vm (our bytecode VM) $vm_n" b_args=("$vm_n")
  measure_all
fi

if [[ "$only" == *" yosys "* ]]; then
  # A root of Yosys' own, as YoWASP gives it: /share (the package's share files, read-only use),
  # /work (the design; the netlist and statistics are written there) and /tmp (abc's scratch).
  ywork="$run/yosys-work" ytmp="$run/yosys-tmp"
  mkdir -p "$ywork" "$ytmp"
  cp "$here/programs/yosys/design.v" "$ywork/"
  b_prog=yosys b_in=/dev/null
  b_dirs=("$yosys_dir/share::/share" "$ywork::/work" "$ytmp::/tmp")
  b_args=(-q -p "read_verilog /work/design.v; synth_ice40 -top top; write_json /work/netlist.json; tee -q -o /work/stat.txt stat")
  b_outs=("$ywork/netlist.json" "$ywork/stat.txt")
  b_key=yosys-first b_title="yosys synth_ice40 (tiny design), first run" b_cache=fresh
  b_timeout="$first_timeout_s" b_repeat="$first_repeat" b_after=keep_yosys_cache
  # each engine's last first run leaves its module cache for that engine's cached runs
  keep_yosys_cache() {
    [ "${1%%:*}" = engine ] || return 0
    rm -rf "$run/cache-yosys-${1#engine:}"
    cp -r "$run/cache-fresh" "$run/cache-yosys-${1#engine:}"
  }
  measure_all
  b_after=""
  b_key=yosys-cached b_title="yosys synth_ice40 (tiny design), cached run" b_cache=warm
  b_timeout="$timeout_s" b_repeat="$repeat"
  # the cached runs use the cache their engine's first run filled (so no warm-up run)
  for e in "${engines[@]}"; do mkdir -p "$run/cache-yosys-$e"; done
  b_cache=yosys
  measure_all
  b_dirs=() b_outs=()
fi

# --- report --------------------------------------------------------------------------------------
java_version="$(j=""; [ ! -f iotypes-cli/target/java ] || read -r j <iotypes-cli/target/java; "${j:-java}" -version 2>&1 | awk 'NR == 1')"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); ./iotypes on $java_version; node $(node --version); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Programs: $(paste -sd ';' "$work/versions.txt" | sed 's/;/; /g'); native: gcc -O2, wasm: clang 14 -O2 --target=wasm32-wasi."
if [ "$engine_flag" = 1 ]; then
  echo "Engines: \`./iotypes run --engine=NAME\`, the CLI built from commit $cli_commit."
else
  echo "Engines: the CLI (commit $cli_commit) has no \`--engine\` flag yet, so every engine column ran \`./iotypes run\` as it is (Chicory's compiler): the columns differ only by noise."
fi
if [ -n "$(find iotypes-cli/target/classes iotypes-cli/target/lib -newer "$run/cli-stamp" -print -quit 2>/dev/null)" ]; then
  echo "WARNING: the CLI's build (iotypes-cli/target) changed during this run: some rows ran another build."
fi
echo "Outputs: each run's compared (cmp) with native's; Yosys (no native build) with Node's: its netlist JSON and \`stat\` report."
echo "Each cell: median of $repeat run(s) (Yosys first run: $first_repeat, each with an empty module cache), whole command including start-up; timeout ${timeout_s}s (Yosys first run ${first_timeout_s}s). Ratios: iotypes engine (one JVM a run) or served time / Node time (below 1: faster than Node)."
[ "$quick" != 1 ] || echo "Quick mode (BENCH_QUICK=1): small inputs."

has_iotypes=0 has_served=0
for e in "${engines[@]}"; do
  [ "$e" != iotypes ] || has_iotypes=1
  [ "$e" != served ] || has_served=1
done
# ratio WHICH KEY ENGINE: ENGINE's figure over Node's, or "-".
ratio() {
  local a="" b=""
  case "$1" in
    wall) a="${wall[$2|engine:$3]:-}" b="${wall[$2|node]:-}" ;;
    cpu) a="${cpu[$2|engine:$3]:-}" b="${cpu[$2|node]:-}" ;;
    rss) a="${rss[$2|engine:$3]:-}" b="${rss[$2|node]:-}" ;;
  esac
  if [ -n "$a" ] && [ -n "$b" ]; then
    awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }'
  else
    echo "-"
  fi
}
[ "$has_served" = 0 ] || echo "Served: \`./iotypes run --engine=iotypes\` handed to an \`./iotypes serve\` started afresh for each program, after $served_warmup untimed runs of the same command; CPU is the client's plus the server's over the run, peak RSS the server's (VmHWM) plus the client's."
# table ARRAY UNIT-FORMAT: one Markdown table of the named measurement.
table() {
  local which="$1" header="| program | native | Node" sep="| --- | --- | ---" e key runner line v
  for e in "${engines[@]}"; do header+=" | $(engine_title "$e")"; sep+=" | ---"; done
  [ "$has_iotypes" = 0 ] || { header+=" | iotypes/Node"; sep+=" | ---"; }
  [ "$has_served" = 0 ] || { header+=" | served/Node"; sep+=" | ---"; }
  echo "$header |"
  echo "$sep |"
  for key in "${rows[@]}"; do
    line="| ${title[$key]}"
    for runner in "${runners[@]}"; do
      local k="$key|$runner"
      if [ -n "${note[$k]:-}" ]; then
        line+=" | ${note[$k]}"
      else
        case "$which" in
          wall) v="${wall[$k]}" ;;
          cpu) v="${cpu[$k]}" ;;
          rss) v=$((${rss[$k]%.*} / 1024)) ;;
        esac
        line+=" | $v"
      fi
    done
    [ "$has_iotypes" = 0 ] || line+=" | $(ratio "$which" "$key" iotypes)"
    [ "$has_served" = 0 ] || line+=" | $(ratio "$which" "$key" served)"
    echo "$line |"
  done
}
echo
echo "Wall seconds:"
echo
table wall
echo
echo "CPU seconds (user + sys):"
echo
table cpu
echo
echo "Peak RSS (MiB):"
echo
table rss

if [ "${#failures[@]}" -gt 0 ]; then
  echo
  echo "FAILURES:"
  for f in "${failures[@]}"; do echo "- $f"; done
  {
    echo
    echo "engine.sh: ${#failures[@]} FAILURE(S) (outputs and stderr kept in $run):"
    for f in "${failures[@]}"; do echo "  $f"; done
  } >&2
  exit 1
fi
