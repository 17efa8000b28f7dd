#!/usr/bin/env bash
# Components against modules: the same programs as a WASI preview1 module and as a WASI 0.2
# command component (wrapped by `jco new --wasi-command`, jco's preview1 adapter), under
# `./iotypes run` and under `jco run` (Node's host, the reference peer), in one run, printed as a
# Markdown table:
#
#   bench/components.sh               # each cell the median of BENCH_REPEAT (default 3) runs
#
# Rows: start-up (guests/wasi/wasm/cat.wasm of an empty stdin), a copy of 64 MiB from stdin to
# stdout (the same cat) and a compute guest (our bytecode VM,
# bench/programs/vm/vm.c, built by bench/programs.sh). Every output is compared with the module's
# under iotypes. Times are whole processes (start-up included), CPU is user + sys.
#
# Needs: the build (mvn -B -q package -DskipTests), node and npm (jco 1.35.0 is installed into a
# temporary directory unless JCO names a jco binary), and bench/programs.sh's prerequisites.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
repeat="${BENCH_REPEAT:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log() { echo "components.sh: $*" >&2; }

if [ -z "${JCO:-}" ]; then
  log "installing @bytecodealliance/jco@1.35.0"
  npm install --silent --prefix "$work/jco" @bytecodealliance/jco@1.35.0 >/dev/null
  JCO="$work/jco/node_modules/.bin/jco"
fi
programs="$(bench/programs.sh)"

head -c $((64 << 20)) /dev/urandom >"$work/data.bin"
export IOTYPES_CACHE="$work/cache"

# row NAME MODULE STDIN ARGS...: one line of the table.
row() {
  local name="$1" module="$2" stdin="$3" component="$work/$(basename "$2")"
  shift 3
  "$JCO" new "$module" --wasi-command -o "$component" >/dev/null
  local -A wall cpu
  local runner
  for runner in module component jco; do
    local cmd walls=() cpus=() i
    case "$runner" in
      module) cmd=(./iotypes run "$module" "$@") ;;
      component) cmd=(./iotypes run "$component" "$@") ;;
      jco) cmd=("$JCO" run "$component" "$@") ;;
    esac
    [ "$runner" = jco ] || "${cmd[@]}" <"$stdin" >/dev/null 2>&1 # fills the module cache
    for ((i = 0; i < repeat; i++)); do
      /usr/bin/time -f '%e %U %S' -o "$work/time" "${cmd[@]}" <"$stdin" >"$work/out.$runner" 2>/dev/null
      read -r w u s <"$work/time"
      walls+=("$w")
      cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    done
    if ! cmp -s "$work/out.module" "$work/out.$runner"; then
      log "$name: the $runner's output differs from the module's"
      exit 1
    fi
    wall[$runner]="$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((repeat + 1) / 2))p")"
    cpu[$runner]="$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((repeat + 1) / 2))p")"
  done
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
  echo "| $name | ${wall[module]} / ${cpu[module]} | ${wall[component]} / ${cpu[component]} |" \
    "$(ratio "${cpu[component]}" "${cpu[module]}") | ${wall[jco]} / ${cpu[jco]} |" \
    "$(ratio "${cpu[component]}" "${cpu[jco]}") |"
}

echo "Machine: $(nproc) cores; ./iotypes on $("$(cat iotypes-cli/target/java 2>/dev/null || echo java)" -version 2>&1 | head -n 1); node $(node --version); jco $("$JCO" --version)"
echo "Each cell: wall / CPU seconds, median of $repeat runs, whole process; ratios of CPU."
echo
echo "| program | module, iotypes | component, iotypes | component/module | component, jco run | iotypes/jco run |"
echo "| --- | --- | --- | --- | --- | --- |"
row "start-up: cat of an empty stdin" guests/wasi/wasm/cat.wasm /dev/null
row "cat: 64 MiB stdin to stdout" guests/wasi/wasm/cat.wasm "$work/data.bin"
row "vm (our bytecode VM) 4" "$programs/build/wasm/vm.wasm" /dev/null 4
