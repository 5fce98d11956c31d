#!/usr/bin/env bash
# Whole-process comparison: `onnxopt convert MODEL -o OUT` against Python's `onnx.load` + `onnx.save` of the
# same file (Debian's python3-onnx). Both are timed from process start to exit, in interleaved runs (or with
# hyperfine: apt-get install hyperfine). Prints mean, median and CPU time of each and their ratios.
#
# Usage: scripts/bench-convert.sh [--runs N] [--no-build] [--r2r] [--hyperfine] [MODEL]
#   MODEL       defaults to the yolov8n export in the shared data (ONNXOPT_SHARED or ../shared)
#   --runs N    timed runs per command (default 30, after 3 warm-up runs)
#   --no-build  time the existing Release build of the CLI
#   --r2r       publish the CLI ReadyToRun (precompiled, no JIT at start-up) and time that instead
#   --hyperfine time with hyperfine (one command after the other) instead of interleaved runs
# Environment:
#   ONNXOPT_CMD  command that replaces the CLI (the script appends "convert MODEL -o OUT"); skips the build
#   PYTHON       interpreter with the onnx module (default: the first of python3, /usr/bin/python3 that has it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=30
build=1
r2r=0
use_hyperfine=0
model=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --r2r) r2r=1; shift ;;
        --hyperfine) use_hyperfine=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "error: unknown option '$1'" >&2; exit 2 ;;
        *) model="$1"; shift ;;
    esac
done

if [[ -z "$model" ]]; then
    shared="${ONNXOPT_SHARED:-$(dirname "$root")/shared}"
    model="$shared/fixtures/ultralytics/yolov8n.onnx"
fi
if [[ ! -f "$model" ]]; then
    echo "error: model '$model' not found: pass a path or set ONNXOPT_SHARED to the shared data folder" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -n "${ONNXOPT_CMD:-}" ]]; then
    onnxopt="$ONNXOPT_CMD"
elif [[ $r2r -eq 1 ]]; then
    echo "publishing the CLI ReadyToRun..." >&2
    dotnet publish "$root/src/Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        -o "$work/r2r" -nologo -v quiet >&2
    onnxopt="$work/r2r/onnxopt"
else
    if [[ $build -eq 1 ]]; then
        echo "building the CLI (Release)..." >&2
        dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
    fi
    onnxopt="dotnet $root/src/Cli/bin/Release/net10.0/onnxopt.dll"
fi

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    for candidate in python3 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c "import onnx" 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
fi
if [[ -z "$python" ]]; then
    echo "error: no python with the onnx module (apt-get install python3-onnx, or set PYTHON)" >&2
    exit 1
fi

ours="$onnxopt convert $model -o $work/onnxopt.onnx"
theirs="$python -c \"import onnx; m = onnx.load('$model'); onnx.save(m, '$work/python.onnx')\""

# One checked run each first: a failing command must not be timed, and our output must load in onnx.
eval "$ours" >/dev/null
eval "$theirs"
# (Debian's onnx 1.12 checker predates IR 9, so compare content instead of running the checker.)
"$python" - "$work/onnxopt.onnx" "$work/python.onnx" <<'PY'
import sys, onnx
ours, theirs = (onnx.load(p) for p in sys.argv[1:3])
def content(m):
    return ([n.SerializeToString() for n in m.graph.node], [(t.name, t.raw_data) for t in m.graph.initializer],
            [i.SerializeToString() for i in m.graph.input], [o.SerializeToString() for o in m.graph.output])
if content(ours) != content(theirs):
    sys.exit("error: onnxopt's output differs from python's in nodes, initializers, inputs or outputs")
PY

echo "model:   $model ($(stat -c %s "$model") bytes)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -r)"
echo "onnxopt: $ours"
echo "python:  $("$python" -c 'import onnx, sys; print(sys.executable, "onnx", onnx.__version__)')"

if [[ $use_hyperfine -eq 1 ]]; then
    hyperfine --warmup 3 --runs "$runs" --export-json "$work/hf.json" "$ours" "$theirs" >&2
    "$python" - "$work/hf.json" <<'PY'
import json, sys
ours, theirs = json.load(open(sys.argv[1]))["results"]
for label, r in (("onnxopt convert", ours), ("python onnx.load + save", theirs)):
    print(f"{label + ':':26}{r['mean'] * 1000:7.1f} ms mean, {r['median'] * 1000:7.1f} ms median, cpu {(r['user'] + r['system']) * 1000:7.1f} ms")
print(f"ratio onnxopt / python:   {ours['mean'] / theirs['mean']:7.2f} (mean wall time; target <= 1.00)")
PY
    exit 0
fi

# Interleaved runs (ours, theirs, ours, ...) so that load from other processes hits both alike; CPU time
# (user + system of the child) is reported too, as it is far less sensitive to a busy machine than wall time.
"$python" - "$runs" "$ours" "$theirs" <<'PY'
import os, resource, statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:4]
def once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
for _ in range(3):
    for c in commands:
        once(c)
samples = [[], []]
for _ in range(runs):
    for i, c in enumerate(commands):
        samples[i].append(once(c))
stats = []
for label, s in zip(("onnxopt convert", "python onnx.load + save"), samples):
    wall = [w for w, _ in s]
    cpu = [c for _, c in s]
    stats.append((statistics.mean(wall), statistics.median(wall), statistics.mean(cpu)))
    print(f"{label + ':':26}{stats[-1][0] * 1000:7.1f} ms mean, {stats[-1][1] * 1000:7.1f} ms median, {min(wall) * 1000:7.1f} ms min, "
          f"cpu {stats[-1][2] * 1000:7.1f} ms ({runs} interleaved runs)")
(om, omed, oc), (pm, pmed, pc) = stats
print(f"ratio onnxopt / python:   {om / pm:7.2f} mean wall, {omed / pmed:.2f} median wall, {oc / pc:.2f} cpu (target <= 1.00)")
print(f"load average during the runs: {os.getloadavg()[0]:.1f}")
PY
