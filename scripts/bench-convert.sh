#!/usr/bin/env bash
# Whole-process comparison: `onnxopt convert MODEL -o OUT` against Python's `onnx.load` + `onnx.save` of the
# same file (Debian's python3-onnx). Both are timed from process start to exit, with hyperfine when installed
# (apt-get install hyperfine) or a loop of `date +%s%N` otherwise. Prints the means and their ratio.
#
# Usage: scripts/bench-convert.sh [--runs N] [--no-build] [--r2r] [MODEL]
#   MODEL       defaults to the yolov8n export in the shared data (ONNXOPT_SHARED or ../shared)
#   --runs N    timed runs per command (default 30, after 3 warm-up runs)
#   --no-build  time the existing Release build of the CLI
#   --r2r       publish the CLI ReadyToRun (precompiled, no JIT at start-up) and time that instead
# Environment:
#   ONNXOPT_CMD  command that replaces the CLI (the script appends "convert MODEL -o OUT"); skips the build
#   PYTHON       interpreter with the onnx module (default: the first of python3, /usr/bin/python3 that has it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=30
build=1
r2r=0
model=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --r2r) r2r=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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

# Prints "mean_seconds stddev_seconds" for a command.
time_command() {
    local command="$1"
    if command -v hyperfine >/dev/null; then
        hyperfine --warmup 3 --runs "$runs" --export-json "$work/hf.json" "$command" >/dev/null 2>&1
        "$python" -c "import json, sys; r = json.load(open(sys.argv[1]))['results'][0]; print(r['mean'], r['stddev'])" "$work/hf.json"
        return
    fi

    local i start end
    for ((i = 0; i < 3; i++)); do eval "$command" >/dev/null; done
    : >"$work/times"
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        eval "$command" >/dev/null
        end=$(date +%s%N)
        echo $(((end - start))) >>"$work/times"
    done
    awk '{ s += $1; q += $1 * $1 } END { m = s / NR; v = q / NR - m * m; if (v < 0) v = 0; printf "%.6f %.6f\n", m / 1e9, sqrt(v) / 1e9 }' "$work/times"
}

read -r ours_mean ours_sd < <(time_command "$ours")
read -r theirs_mean theirs_sd < <(time_command "$theirs")
awk -v a="$ours_mean" -v sa="$ours_sd" -v b="$theirs_mean" -v sb="$theirs_sd" -v n="$runs" 'BEGIN {
    printf "onnxopt convert:          %7.1f ms +- %5.1f ms (%d runs)\n", a * 1000, sa * 1000, n
    printf "python onnx.load + save:  %7.1f ms +- %5.1f ms (%d runs)\n", b * 1000, sb * 1000, n
    printf "ratio onnxopt / python:   %7.2f (target: <= 1.00)\n", a / b
}'
