#!/usr/bin/env bash
# A stand-in for NVIDIA's trtexec, for tests on machines without TensorRT.
# FAKE_TRTEXEC_ARGS:   file that gets one line per argument, then a "--" line, per invocation
# FAKE_TRTEXEC_SAMPLE: a recorded log printed on stdout, as trtexec prints its log
# FAKE_TRTEXEC_EXIT:   exit code (default 0); on 0 a dummy engine is written to --saveEngine
set -eu
if [ -n "${FAKE_TRTEXEC_ARGS:-}" ]; then
  {
    for arg in "$@"; do printf '%s\n' "$arg"; done
    printf -- '--\n'
  } >> "$FAKE_TRTEXEC_ARGS"
fi
engine=""
for arg in "$@"; do
  case "$arg" in
    --saveEngine=*) engine="${arg#--saveEngine=}" ;;
  esac
done
if [ -n "${FAKE_TRTEXEC_SAMPLE:-}" ]; then
  cat "$FAKE_TRTEXEC_SAMPLE"
fi
code="${FAKE_TRTEXEC_EXIT:-0}"
if [ "$code" = "0" ] && [ -n "$engine" ]; then
  printf 'fake TensorRT engine\n' > "$engine"
fi
exit "$code"
