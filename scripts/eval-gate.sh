#!/usr/bin/env bash
# The eval gate: run the scoring suite (the blind benchmark's test split and the regression set) and the
# interviewer suite on the embedded model (no reply cache, a fresh
# data home) and compare each with its committed baseline in evals/baselines/. Exits 1 when a floor or
# tolerance in evals/gates.toml is broken. Part of `make test`, so CI runs it on every change.
set -euo pipefail
cd "$(dirname "$0")/.."
# the baselines are for the embedded defaults: no INTERVIEWER_* setting of this shell may change the run
for name in $(env | grep -o '^INTERVIEWER_[A-Za-z0-9_]*' || true); do unset "$name"; done
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export INTERVIEWER_HOME="$home" HF_HUB_OFFLINE=1  # everything it needs ships in the venv
status=0
# suite, split, baseline: the scoring benchmark's test split, the scoring regression set, the interviewer
# suite's dev split (scripted scenarios and held-out dev candidates) and its held-out test split, and the
# candidate turns' test split (how the engine reads what a candidate is doing)
for entry in scoring:test:scoring scoring:regression:scoring-regression interviewer:dev:interviewer-dev \
    interviewer:test:interviewer turns:test:turns; do
  IFS=: read -r suite split baseline <<< "$entry"
  start=$SECONDS
  args=(--suite "$suite" --cache off --json)
  [ "$split" != "-" ] && args+=(--split "$split")
  .venv/bin/interviewer eval run "${args[@]}" > "$home/$baseline.json"
  run="$(.venv/bin/python -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]['run'])" "$home/$baseline.json" "$suite")"
  echo "eval gate: $baseline ran in $((SECONDS - start)) s"
  .venv/bin/interviewer eval compare "baseline:$baseline" "$run" --gate || status=1
done
exit $status
