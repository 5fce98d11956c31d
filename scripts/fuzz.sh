#!/usr/bin/env bash
# Deep fuzzing: the CI fuzz suite (tests/OnnxOpt.Reliability.Tests/Fuzzing) with more mutants and more time,
# optionally over several seeds, keeping every mutant that finds a bug for replay.
#
#   scripts/fuzz.sh [--seconds N] [--iterations N] [--seeds S1,S2,...] [--keep DIR]
#
# Defaults: 600 s and 1,000,000 iterations per seed (the time limit ends each run), seeds 1..4, mutants kept
# in TestResults/fuzz. Replay one: onnxopt inspect/optimize the kept file, or rerun with --seeds SEED.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
iterations=1000000
seeds="1,2,3,4"
keep="TestResults/fuzz"
while (($# > 0)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/fuzz.sh --help)" >&2; exit 2 ;;
  esac
done

dotnet build tests/OnnxOpt.Reliability.Tests -c Release >/dev/null
mkdir -p "$keep"
status=0
IFS=',' read -ra seed_list <<<"$seeds"
for seed in "${seed_list[@]}"; do
  echo "fuzzing: seed $seed, up to $seconds s / $iterations mutants"
  if ! ONNXOPT_FUZZ_SEED=$seed ONNXOPT_FUZZ_ITERATIONS=$iterations ONNXOPT_FUZZ_SECONDS=$seconds ONNXOPT_FUZZ_KEEP=$keep \
      dotnet test tests/OnnxOpt.Reliability.Tests -c Release --no-build --filter "FullyQualifiedName~Fuzzing" \
      --logger "console;verbosity=detailed"; then
    status=1
  fi
done

echo "kept mutants (bugs found): $(find "$keep" -name 'mutant-*.onnx' | wc -l) in $keep"
exit $status
