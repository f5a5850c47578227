#!/usr/bin/env bash
# Installs interviewer and everything it needs into ./.venv, offline-capable after this step.
# A second run with nothing changed returns in about a second (a stamp keyed on pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP="$VENV/.installed"
extras=${1:-}            # "dev" for the test tools

# llama.cpp's default build enables AMX kernels on CPUs that report AMX and then segfaults on the
# first eval (see shared/ENVIRONMENT.md). These flags build a portable AVX2 binary instead.
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF"
export FORCE_CMAKE=1

hash="$(cat pyproject.toml scripts/install.sh | sha256sum | cut -c1-16)"
if [ -f "$STAMP" ]; then
  have=$(cat "$STAMP")
  # a dev install satisfies a plain one
  if [ "$have" = "$hash $extras" ] || [ "$have" = "$hash dev" ]; then
    exit 0
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "interviewer needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "Installing python3-venv (needed to create the virtualenv)..."
  (apt-get update -qq && apt-get install -y -qq python3-venv) >/dev/null
fi
if ! command -v cc >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "Installing a C/C++ compiler (needed to build llama.cpp)..."
  (apt-get update -qq && apt-get install -y -qq build-essential) >/dev/null
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# pip, quiet, minus the warnings some machines' pip configs print for every package
pip_install() {
  "$VENV/bin/python" -m pip install -q "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  return "${PIPESTATUS[0]}"
}
pip_install --upgrade pip setuptools wheel
echo "Installing dependencies (first run: about 10-15 minutes, mostly building llama.cpp)..."
# torch first, pinned: a bare "torch" would pull a multi-GB CUDA build
pip_install "torch==2.13.0"
if [ -n "$extras" ]; then
  pip_install -e ".[$extras]"
else
  pip_install -e .
fi

# A wheel of llama-cpp-python built earlier with other flags may sit in pip's cache; prove that this
# one runs the model, and rebuild it from source with our flags if it crashes.
if ! "$VENV/bin/python" -m interviewer.providers.selfcheck >/dev/null 2>&1; then
  echo "The cached llama.cpp build does not run on this CPU; rebuilding it with portable flags..."
  pip_install --no-cache-dir --force-reinstall --no-deps "llama-cpp-python==0.3.36"
  "$VENV/bin/python" -m interviewer.providers.selfcheck
fi

# Export the embedding model to ONNX once (torch is needed only for this), so that no start loads torch
echo "Preparing the local embedding model..."
"$VENV/bin/python" -m interviewer.providers.embeddings >/dev/null

echo "$hash $extras" > "$STAMP"
