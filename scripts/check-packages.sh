#!/usr/bin/env bash
# Packs every library and the onnxopt tool, installs the tool from the packed folder exactly as a user would
# (dotnet tool install --global --add-source ./artifacts/packages onnxopt), runs `onnxopt inspect` and one
# `onnxopt optimize`, then builds and runs both samples against the packed packages (not the source projects).
# Prints one "ok:"/"FAILED:" line per check and a closing "N passed, N failed" line; exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
packages="$root/artifacts/packages"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # NAME COMMAND...
  local name=$1; shift
  if "$@" >"$work/log" 2>&1; then
    echo "ok: $name"; passed=$((passed + 1))
  else
    echo "FAILED: $name"; sed 's/^/    /' "$work/log" | tail -40; failed=$((failed + 1))
  fi
}

rm -rf "$packages"
check "dotnet pack makes every package" dotnet pack OnnxOpt.sln -c Release
version=$(ls "$packages"/onnxopt.*.nupkg 2>/dev/null | grep -v snupkg | head -1 | sed -E 's|.*/onnxopt\.(.*)\.nupkg|\1|')
for id in OnnxOpt.Graph OnnxOpt.Passes OnnxOpt.Driver OnnxOpt.Evaluation OnnxOpt.Backends.OnnxRuntime OnnxOpt.Backends.TensorRT onnxopt; do
  check "package $id $version exists with symbols" test -f "$packages/$id.$version.nupkg" -a -f "$packages/$id.$version.snupkg"
done

# A private NuGet cache: a repacked package keeps its version number, and a shared cache would serve the old one.
export NUGET_PACKAGES="$work/nuget-packages"
tools="$HOME/.dotnet/tools"
install_tool() {
  dotnet tool uninstall --global onnxopt >/dev/null 2>&1 || true
  dotnet tool install --global --add-source "$packages" onnxopt --version "$version"
}
check "dotnet tool install --global --add-source ./artifacts/packages onnxopt" install_tool
check "onnxopt --version is $version" bash -c "\"$tools/onnxopt\" --version | grep -qF \"${version%%+*}\""
check "onnxopt inspect (built-in model)" "$tools/onnxopt" inspect
check "onnxopt optimize --preset fp16" "$tools/onnxopt" optimize -o "$work/fp16.onnx" --preset fp16
check "onnxopt inspect reads the optimized model" "$tools/onnxopt" inspect "$work/fp16.onnx"

for sample in CustomPass WalkAndEdit; do
  check "sample $sample builds against the packages" dotnet build "samples/$sample" -c Release -p:OnnxOptVersion="$version"
  check "sample $sample runs" dotnet run --no-build --project "samples/$sample" -c Release -p:OnnxOptVersion="$version"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
