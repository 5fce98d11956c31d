#!/usr/bin/env bash
# Coverage-guided fuzzing of the model reader: SharpFuzz instruments OnnxOpt.Graph.dll and Google.Protobuf.dll,
# AFL++ mutates the seed models (fixtures/models) and runs fuzz/OnnxOpt.Fuzz.Reader on each input (reader,
# verifier, write and read back). An input that throws an exception only a bug throws is kept as a crash.
#
#   scripts/fuzz-sharpfuzz.sh [--seconds N] [--out DIR]
#
# Defaults: 3600 s, findings in TestResults/sharpfuzz. Needs AFL++ (afl-fuzz) and the SharpFuzz command-line
# tool (installed from NuGet into TestResults/sharpfuzz/tool when missing). Replay crashes without AFL++:
#   dotnet run -c Release --project fuzz/OnnxOpt.Fuzz.Reader -- TestResults/sharpfuzz/findings/default/crashes
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=3600
out="TestResults/sharpfuzz"
while (($# > 0)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see scripts/fuzz-sharpfuzz.sh --help)" >&2; exit 2 ;;
  esac
done

if ! command -v afl-fuzz >/dev/null; then
  echo "error: afl-fuzz not found: install AFL++ (Debian/Ubuntu: apt-get install afl++), then run this script again" >&2
  exit 2
fi

sharpfuzz=$(command -v sharpfuzz || true)
if [[ -z "$sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tool" >/dev/null 2>&1 || [[ -x "$out/tool/sharpfuzz" ]]
  sharpfuzz="$out/tool/sharpfuzz"
fi

# A private build whose libraries are instrumented in place (never the ordinary bin/ folders).
bin="$out/bin"
dotnet build fuzz/OnnxOpt.Fuzz.Reader -c Release -o "$bin" >/dev/null
for library in OnnxOpt.Graph.dll Google.Protobuf.dll; do
  "$sharpfuzz" "$bin/$library" >/dev/null
done

corpus="$out/corpus"
mkdir -p "$corpus"
cp fixtures/models/*.onnx "$corpus/"
# Every seed must pass the instrumented target, or AFL++ would start from a crash.
for seed in "$corpus"/*; do
  dotnet "$bin/OnnxOpt.Fuzz.Reader.dll" < "$seed"
done

echo "fuzzing the reader for $seconds s; findings in $out/findings"
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 afl-fuzz -i "$corpus" -o "$out/findings" -t 10000 -m none -V "$seconds" -- dotnet "$bin/OnnxOpt.Fuzz.Reader.dll"

crashes=$(find "$out/findings" -path '*/crashes/id*' -type f | wc -l)
echo "crashes: $crashes (replay: dotnet run -c Release --project fuzz/OnnxOpt.Fuzz.Reader -- $out/findings/default/crashes)"
[[ "$crashes" -eq 0 ]]
