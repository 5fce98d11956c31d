#!/usr/bin/env bash
# Rewrites every shipped library's PublicAPI.txt from the current build (run after an intended public API change,
# then review and commit the diff).
set -euo pipefail
cd "$(dirname "$0")/.."
ONNXOPT_UPDATE_PUBLIC_API=1 dotnet test tests/OnnxOpt.PublicApi.Tests -c Release --filter "FullyQualifiedName~Public_api_matches" "$@"
git status --short -- '*PublicAPI.txt'
