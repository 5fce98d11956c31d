#!/usr/bin/env bash
# Whole-process batch speedup: generates 8 YOLOv8n-sized models (640x640, random weights, seeds 0..7) with
# `onnxopt generate`, then times `onnxopt batch MODELS --out DIR --preset PRESET --jobs 1` against `--jobs 2`
# (with `--no-verify-each`, as these numbers were first measured before verify-each became the default)
# in interleaved runs (jobs 1, jobs 2, jobs 1, ...) and prints mean, median and min wall time, mean CPU time
# (user + system of the whole process) and the speedup. The output folder is emptied before every run (what a
# first batch into a new folder does); --replace keeps the previous run's files, so every save replaces one.
#
# Usage: scripts/bench-batch.sh [--runs N] [--models N] [--preset NAME]... [--replace] [--no-build]
#   --runs N       timed runs per job count (default 3, after 1 warm-up run of each)
#   --models N     models in the batch (default 8)
#   --preset NAME  preset to time (repeatable; default cleanup)
#   --replace      keep the previous run's outputs, so each save renames over an existing file
#   --no-build     time the existing Release build of the CLI
# Environment:
#   ONNXOPT_CMD    command that replaces the CLI (e.g. a ReadyToRun publish: dotnet publish src/Cli -c Release
#                  -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o DIR, then DIR/onnxopt); skips the build
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3
count=8
build=1
replace=0
presets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --models) count="$2"; shift 2 ;;
        --preset) presets+=("$2"); shift 2 ;;
        --replace) replace=1; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[[ ${#presets[@]} -eq 0 ]] && presets=(cleanup)

if [[ -n "${ONNXOPT_CMD:-}" ]]; then
    read -r -a onnxopt <<<"$ONNXOPT_CMD"
else
    if [[ $build -eq 1 ]]; then
        echo "building the CLI (Release)..." >&2
        dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
    fi
    onnxopt=(dotnet "$root/src/Cli/bin/Release/net10.0/onnxopt.dll")
fi
echo "onnxopt: ${onnxopt[*]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
for ((i = 0; i < count; i++)); do
    "${onnxopt[@]}" generate -o "$work/models/yolov8n-$i.onnx" --seed "$i" >/dev/null
done

echo "models:  $count x $(stat -c %s "$work/models/yolov8n-0.onnx") bytes (onnxopt generate, YOLOv8n 640x640)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

for preset in "${presets[@]}"; do
    python3 - "$runs" "$preset" "$work" "$replace" "${onnxopt[@]}" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
runs, preset, work, replace, cli = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5:]
def once(jobs):
    out = os.path.join(work, f"out-{jobs}")
    if not replace:
        shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cli + ["batch", os.path.join(work, "models"), "--out", out, "--preset", preset, "--jobs", str(jobs), "--no-verify-each"],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_times[jobs].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall
cpu_times = {1: [], 2: []}
once(1); once(2)
times = {1: [], 2: []}
cpu_times = {1: [], 2: []}
for _ in range(runs):
    for jobs in (1, 2):
        times[jobs].append(once(jobs))
for jobs in (1, 2):
    t = times[jobs]
    print(f"preset {preset:17} --jobs {jobs}: {statistics.mean(t):6.3f} s mean, {statistics.median(t):6.3f} s median, {min(t):6.3f} s min, cpu {statistics.mean(cpu_times[jobs]):5.2f} s")
print(f"preset {preset:17} speedup jobs 2 vs 1 ({'replace' if replace else 'fresh'} outputs): {statistics.mean(times[1]) / statistics.mean(times[2]):.2f}x mean, "
      f"{statistics.median(times[1]) / statistics.median(times[2]):.2f}x median, {min(times[1]) / min(times[2]):.2f}x min (target >= 1.70); load now {os.getloadavg()[0]:.1f}")
PY
done
