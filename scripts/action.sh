#!/usr/bin/env bash
# The steps of the composite GitHub Action (action.yml), kept in a script so that they can be
# tested outside GitHub.  Inputs arrive in environment variables, never interpolated into the
# script's source, so a path or argument cannot inject shell code.
#
#   action.sh install   pip install copylint ($COPYLINT_REQUIREMENT, or the action's checkout)
#   action.sh sarif     write SARIF to $COPYLINT_SARIF_FILE (never fails the step on findings)
#   action.sh lint      annotate with --format github; exit with copylint's exit code
set -euo pipefail

split_words() {  # split "$1" on white space into the array named $2, without globbing
  local -n out=$2
  out=()
  local word
  set -f
  for word in $1; do out+=("$word"); done
  set +f
}

step=${1:?usage: action.sh install|sarif|lint}
split_words "${COPYLINT_PATHS:-.}" paths
split_words "${COPYLINT_ARGS:-}" args
[ ${#paths[@]} -gt 0 ] || paths=(.)

case "$step" in
  install)
    python -m pip install --quiet "${COPYLINT_REQUIREMENT:-${COPYLINT_ACTION_PATH:?}}"
    copylint --version
    ;;
  sarif)
    copylint "${args[@]}" --format sarif --exit-zero -- "${paths[@]}" > "${COPYLINT_SARIF_FILE:?}"
    ;;
  lint)
    status=0
    copylint "${args[@]}" --format github -- "${paths[@]}" || status=$?
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=$status" >> "$GITHUB_OUTPUT"; fi
    exit "$status"
    ;;
  *)
    echo "action.sh: unknown step '$step' (install, sarif or lint)" >&2
    exit 2
    ;;
esac
