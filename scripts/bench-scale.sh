#!/usr/bin/env bash
# IR scale benchmark (issue 14): whole-process `onnxopt optimize --preset P` on four generated N-node models
# (an Identity chain, an Add-zero chain, a Relu chain and a fan-out whose input has N uses), for every preset.
# Runs are interleaved (each round runs every preset on every model) so load from other processes hits all alike.
# Prints, per preset and model, the median wall time, CPU time (user + system) and the ratio to the Relu chain.
#
# Usage: scripts/bench-scale.sh [--nodes N] [--runs R] [--limit S] [--presets "a b"] [--no-verify-baseline] [--no-build]
#   --nodes N    nodes per model (default 100000)
#   --runs R     timed rounds (default 3)
#   --limit S    seconds after which one run is killed and reported as ">S" (default 120)
#   --presets    presets to time (default: cleanup fp16 paper tensorrt-prepare)
#   --no-verify-baseline  also time every case with --no-verify-each, interleaved with the default runs, and print
#                the ratio default / no-verify (what verify-each costs, measured under the same load)
#   --no-build   time the existing Release builds of the CLI and the benchmarks project
# Environment: ONNXOPT_CLI_DLL replaces the CLI built here (e.g. a copy of an older build, for before/after).
# Targets: every preset under 3 s per model and within 3x of the Relu chain.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes=100000
runs=3
limit=120
presets="cleanup fp16 paper tensorrt-prepare"
build=1
baseline=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --nodes) nodes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        --presets) presets="$2"; shift 2 ;;
        --no-verify-baseline) baseline=1; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

if [[ $build -eq 1 ]]; then
    echo "building the CLI and the benchmarks (Release)..." >&2
    dotnet build "$root/src/Cli" -c Release -nologo -v quiet >&2
    dotnet build "$root/benchmarks/OnnxOpt.Benchmarks" -c Release -nologo -v quiet >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$root/benchmarks/OnnxOpt.Benchmarks/bin/Release/net10.0/OnnxOpt.Benchmarks.dll" scale-models "$work" --nodes "$nodes" >/dev/null

echo "models:  $nodes nodes each ($(du -sh "$work" | cut -f1) in all), presets: $presets"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "${ONNXOPT_CLI_DLL:-$root/src/Cli/bin/Release/net10.0/onnxopt.dll}" "$work" "$nodes" "$runs" "$limit" "$baseline" $presets <<'PY'
import os, resource, statistics, subprocess, sys, time
cli, work, nodes, runs, limit, baseline, presets = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6] == "1", sys.argv[7:]
models = ["identity", "add-zero", "relu", "fan-out"]
modes = ["default", "no-verify"] if baseline else ["default"]
def once(preset, model, mode):
    command = ["dotnet", cli, "optimize", f"{work}/{model}-{nodes}.onnx", "-o", f"{work}/out.onnx", "--preset", preset]
    if mode == "no-verify":
        command.append("--no-verify-each")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"error: {' '.join(command)} failed: {result.stderr.decode().strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
samples = {(p, m, v): [] for p in presets for m in models for v in modes}
timed_out = set()
for _ in range(runs):
    for p in presets:
        for m in models:
            for v in modes:
                if (p, m, v) in timed_out:
                    continue
                r = once(p, m, v)
                if r is None:
                    timed_out.add((p, m, v))
                else:
                    samples[(p, m, v)].append(r)
def median(p, m, v, i):
    return None if (p, m, v) in timed_out else statistics.median(s[i] for s in samples[(p, m, v)])
extra_head = " no-verify wall s | no-verify cpu s | default / no-verify wall |" if baseline else ""
extra_rule = " ---: | ---: | ---: |" if baseline else ""
print(f"| preset | model | median wall s | median cpu s | wall / relu chain |{extra_head}")
print(f"| --- | --- | ---: | ---: | ---: |{extra_rule}")
def cells(p, m, v):
    wall, cpu = median(p, m, v, 0), median(p, m, v, 1)
    return (f">{limit:.0f}", "-") if wall is None else (f"{wall:.2f}", f"{cpu:.2f}")
for p in presets:
    relu = median(p, "relu", "default", 0)
    for m in models:
        wall = median(p, m, "default", 0)
        ratio = f"{wall / relu:.2f}x" if wall is not None and relu else "-"
        line = f"| {p} | {m} | {' | '.join(cells(p, m, 'default'))} | {ratio} |"
        if baseline:
            plain = median(p, m, "no-verify", 0)
            cost = f"{wall / plain:.2f}" if wall is not None and plain else "-"
            line += f" {' | '.join(cells(p, m, 'no-verify'))} | {cost} |"
        print(line)
print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
PY
