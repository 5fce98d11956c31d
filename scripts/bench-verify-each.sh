#!/usr/bin/env bash
# What verify-each (on by default in `onnxopt optimize`) costs: times whole `onnxopt optimize MODEL -o OUT
# --preset PRESET` processes with and without `--no-verify-each`, interleaved (on, off, on, off, ...) so both see the
# same machine load, and prints each side's median and min wall time and the ratio of medians.
#
# Usage: scripts/bench-verify-each.sh [--runs N] [--preset NAME] [--model FILE] [--no-build]
#   --runs N       timed runs per side (default 5, after 1 warm-up run of each)
#   --preset NAME  preset to run (default fp16)
#   --model FILE   model to optimize (default ../shared/fixtures/ultralytics/yolov8n.onnx)
#   --no-build     time the existing Release build of the CLI
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
preset=fp16
model="$root/../shared/fixtures/ultralytics/yolov8n.onnx"
build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --preset) preset="$2"; shift 2 ;;
        --model) model="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[[ -f "$model" ]] || { echo "error: model '$model' not found (shared data missing?)" >&2; exit 1; }
if [[ $build -eq 1 ]]; then
    dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
fi

python3 - "$root/src/Cli/bin/Release/net10.0/onnxopt.dll" "$model" "$preset" "$runs" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
dll, model, preset, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = os.path.join(tempfile.mkdtemp(), "out.onnx")
def run(verify):
    args = ["dotnet", dll, "optimize", model, "-o", out, "--preset", preset] + ([] if verify else ["--no-verify-each"])
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
run(True); run(False)
times = {True: [], False: []}
for _ in range(runs):
    for verify in (True, False):
        times[verify].append(run(verify))
print(f"model {os.path.basename(model)}, preset {preset}, {runs} interleaved runs each, load {os.getloadavg()[0]:.1f}")
for verify in (True, False):
    t = times[verify]
    print(f"  verify-each {'on ' if verify else 'off'}: median {statistics.median(t):.3f} s, min {min(t):.3f} s")
print(f"  ratio on/off (medians): {statistics.median(times[True]) / statistics.median(times[False]):.3f}")
PY
