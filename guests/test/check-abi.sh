#!/usr/bin/env bash
# Checks the guests against docs/abi.md, statically (wasm-objdump):
#   - iotypes.h declares every import of the table with exactly its core signature (a probe that
#     references all of them is compiled like build.sh does);
#   - every guests/wasm/*.wasm imports only from "iotypes", only functions of the table, with
#     their signatures, exports "main" and "memory", and has an iotypes-main section declaring
#     main; guests/libc/wasm/*.wasm the same, with wasi-libc's imports from
#     "wasi_snapshot_preview1" besides. Works from any cwd.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guests="$(dirname "$here")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

target=(--target=wasm32 -mmultivalue -mbulk-memory -Xclang -target-abi -Xclang experimental-mv)
/usr/bin/clang "${target[@]}" -std=c11 -ffreestanding -nostdlib -O2 -Wall -Wextra -Werror \
    -I "$guests/include" -c -emit-llvm -o "$tmp/probe.bc" "$here/abi-probe.c"
/usr/bin/clang "${target[@]}" -O0 -c -o "$tmp/probe.o" "$tmp/probe.bc"
/usr/bin/clang "${target[@]}" -nostdlib -Wl,--no-entry -Wl,--export-all -Wl,--allow-undefined \
    -o "$tmp/probe.wasm" "$tmp/probe.o"

python3 - "$guests/../docs/abi.md" "$tmp/probe.wasm" "$guests"/wasm/*.wasm "$guests"/libc/wasm/*.wasm <<'PY'
import re, subprocess, sys
abi, probe, *modules = sys.argv[1:]

def types(cell):  # "in: h, ptr: i32" -> ["i32", "i32"]
    cell = re.sub(r"\(.*?\)", "", cell.replace("`", "")).strip()
    out = []
    for item in filter(None, (x.strip() for x in cell.split(","))):
        t = item.split(":")[-1].strip()
        out.append({"h": "i32", "st": "i32", "i32": "i32", "i64": "i64"}[t])
    return out

expected = {}
text = open(abi, encoding="utf-8").read()
functions = text[text.index("## Functions"):text.index("The codes of the two enums")]
for line in functions.splitlines():
    m = re.match(r"\|\s*`([a-z-]+)`\s*\|([^|]*)\|([^|]*)\|", line)
    if m:
        expected[m.group(1)] = (types(m.group(2)), types(m.group(3)))

def parse(path):
    txt = subprocess.run(["wasm-objdump", "-x", path], capture_output=True, text=True, check=True).stdout
    sigs = {}
    for m in re.finditer(r"type\[(\d+)\] \((.*?)\) -> (.*)", txt):
        res = m.group(3).strip()
        res = [] if res == "nil" else [x.strip() for x in res.strip("()").split(",")]
        sigs[m.group(1)] = ([x.strip() for x in m.group(2).split(",") if x.strip()], res)
    imports = {}
    for m in re.finditer(r"func\[\d+\] sig=(\d+) <[^>]*> <- ([^.\s]+)\.(\S+)", txt):
        imports[(m.group(2), m.group(3))] = sigs[m.group(1)]
    exports = re.findall(r'-> "([^"]+)"', txt)
    return txt, imports, exports

bad = 0
def fail(msg):
    global bad
    bad += 1
    print("FAIL", msg)

_, probe_imports, _ = parse(probe)
for name, sig in expected.items():
    got = probe_imports.get(("iotypes", name))
    if got is None: fail(f"iotypes.h: {name} not imported")
    elif got != sig: fail(f"iotypes.h: {name} is {got}, docs/abi.md says {sig}")
for (mod, name) in probe_imports:
    if mod != "iotypes" or name not in expected: fail(f"iotypes.h: unexpected import {mod}.{name}")
print(f"iotypes.h: {len(expected)} imports checked against docs/abi.md")

for path in modules:
    txt, imports, exports = parse(path)
    for (mod, name), sig in imports.items():
        if mod == "wasi_snapshot_preview1" and "/libc/wasm/" in path: continue  # wasi-libc's
        if mod != "iotypes": fail(f"{path}: import from module {mod}")
        elif name not in expected: fail(f"{path}: unknown import {name}")
        elif sig != expected[name]: fail(f"{path}: {name} is {sig}, docs/abi.md says {expected[name]}")
    if "main" not in exports or "memory" not in exports: fail(f"{path}: exports {exports}")
    raw = open(path, "rb").read()
    i = raw.find(b"\x0ciotypes-main")
    if i < 0: fail(f"{path}: no iotypes-main custom section")
    elif b"main: func(" not in raw[i:]: fail(f"{path}: iotypes-main declares no main")
    print(f"{path.split('/')[-1]}: {len(imports)} imports ok, exports {len(exports)}")
print(f"abi check: {len(modules) + 1 - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
