#!/usr/bin/env bash
# Whole-process timings of the native-AOT onnxopt against its baselines, in interleaved runs in one session:
#   convert:  `onnxopt convert yolov8n.onnx -o OUT`   vs Python's onnx.load + onnx.save (python3-onnx)
#   optimize: `onnxopt optimize yolov8n_dynamic_shape.onnx -o OUT --preset cleanup`
#             vs ONNX Runtime's own offline optimizer (benchmarks/OrtOfflineOptimizer: basic level, saved model)
# The JIT build (dotnet onnxopt.dll) is timed in the same rounds for comparison. Prints medians and ratios.
#
# Usage: scripts/bench-aot.sh [--runs N] [--aot PATH] [--no-build]
#   --runs N    rounds (default 20, after 2 warm-up rounds); each round runs every command once, in turn
#   --aot PATH  an already published native-AOT onnxopt (default: publish one into a temporary folder)
#   --no-build  use the existing Release builds of the CLI and the ORT console
# Needs: clang and zlib1g-dev for the AOT publish, python3-onnx for the Python baseline (PYTHON picks the
# interpreter), ../shared (ONNXOPT_SHARED).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=20 aot="" build=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --aot) aot="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "error: unknown option '$1'" >&2; exit 2 ;;
    esac
done
shared="${ONNXOPT_SHARED:-$(dirname "$root")/shared}"
detect="$shared/fixtures/ultralytics/yolov8n.onnx"
dynamic="$shared/fixtures/ultralytics/yolov8n_dynamic_shape.onnx"
for f in "$detect" "$dynamic"; do
    [[ -f "$f" ]] || { echo "error: $f not found: set ONNXOPT_SHARED to the shared data folder" >&2; exit 1; }
done
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    for candidate in python3 /usr/bin/python3; do
        if "$candidate" -c 'import onnx' 2>/dev/null; then python="$candidate"; break; fi
    done
fi
[[ -n "$python" ]] || { echo "error: no python3 with the onnx module (apt-get install python3-onnx, or set PYTHON)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ $build -eq 1 ]]; then
    echo "building the CLI and the ORT console (Release)..." >&2
    dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
    dotnet build "$root/benchmarks/OrtOfflineOptimizer" -c Release -nologo -v quiet >&2
fi
if [[ -z "$aot" ]]; then
    echo "publishing the CLI with native AOT..." >&2
    dotnet publish "$root/src/Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -nologo -v quiet >&2
    aot="$work/aot/onnxopt"
fi
jit="$root/src/Cli/bin/Release/net10.0/onnxopt.dll"
ort="$root/benchmarks/OrtOfflineOptimizer/bin/Release/net10.0/OrtOfflineOptimizer.dll"

"$python" - "$runs" "$work" "$aot" "$jit" "$ort" "$detect" "$dynamic" <<'PY'
import os, statistics, subprocess, sys, time
runs, work, aot, jit, ort, detect, dynamic = int(sys.argv[1]), *sys.argv[2:]
out = lambda name: os.path.join(work, name)
commands = {
    "python onnx load+save": [sys.executable, "-c", "import onnx,sys; onnx.save(onnx.load(sys.argv[1]), sys.argv[2])", detect, out("py.onnx")],
    "onnxopt convert (AOT)": [aot, "convert", detect, "-o", out("aot.onnx")],
    "onnxopt convert (JIT)": ["dotnet", jit, "convert", detect, "-o", out("jit.onnx")],
    "ORT offline optimizer (basic)": ["dotnet", ort, dynamic, out("ort-opt.onnx"), "basic"],
    "onnxopt optimize cleanup (AOT)": [aot, "optimize", dynamic, "-o", out("aot-opt.onnx"), "--preset", "cleanup"],
    "onnxopt optimize cleanup (JIT)": ["dotnet", jit, "optimize", dynamic, "-o", out("jit-opt.onnx"), "--preset", "cleanup"],
}
times = {name: [] for name in commands}
for round in range(runs + 2):
    for name, cmd in commands.items():
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round >= 2:
            times[name].append(time.perf_counter() - start)
med = {name: statistics.median(t) for name, t in times.items()}
print(f"{runs} interleaved rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
for name, m in med.items():
    print(f"  {name:34s} median {m:.3f} s  min {min(times[name]):.3f} s")
def ratio(a, b, target):
    r = med[a] / med[b]
    print(f"  {a} / {b}: {r:.2f} (target <= {target})")
ratio("onnxopt convert (AOT)", "python onnx load+save", 0.6)
ratio("onnxopt convert (JIT)", "python onnx load+save", 0.6)
ratio("onnxopt optimize cleanup (AOT)", "ORT offline optimizer (basic)", 0.8)
ratio("onnxopt optimize cleanup (JIT)", "ORT offline optimizer (basic)", 0.8)
PY
