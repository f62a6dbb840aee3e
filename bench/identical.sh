#!/usr/bin/env bash
# Byte-identical check for refactors that must not change behaviour (issue 19).
#
#   bench/identical.sh snapshot TREE OUTDIR   # JSON reports of the copylint source tree TREE
#   bench/identical.sh compare OUTDIR_A OUTDIR_B
#
# A snapshot runs `copylint --isolated --no-cache --format json` on the seed article (with the
# seed's knowledge), on eval-dev, and on the BBC corpus with and without that knowledge, using
# this checkout's interpreter and TREE's sources (PYTHONPATH).  To check a change, snapshot the
# tree before it (e.g. `git archive BASE | tar -x -C /tmp/base`) and after it, then compare:
# any difference is printed and the exit status is 1.  The reference data is ../shared beside
# the checkout (override with COPYLINT_SHARED).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${COPYLINT_SHARED:-$here/../shared}
py=${PYTHON:-$here/.venv/bin/python}
case ${1:-} in
snapshot)
  tree=$(realpath "$2"); out=$(realpath -m "$3"); mkdir -p "$out"
  know=$tree/fixtures/knowledge/mission-impossible.yaml
  export PYTHONPATH=$tree COPYLINT_CACHE_DIR=$out/.cache
  cd "$shared"
  run() { local name=$1; shift; local rc=0
    "$py" -m copylint --isolated --no-cache --format json "$@" >"$out/$name.json" || rc=$?
    echo "$rc" >"$out/$name.rc"; echo "$name: exit $rc, $(wc -c <"$out/$name.json") bytes"; }
  run seed -k "$know" seeds/000_a02fd4a0a53ef109.txt
  run evaldev eval-dev
  run bbc corpus/bbc
  run bbc-knowledge -k "$know" corpus/bbc
  ;;
compare)
  status=0
  for name in seed evaldev bbc bbc-knowledge; do
    for ext in json rc; do
      if cmp -s "$2/$name.$ext" "$3/$name.$ext"; then :; else
        echo "DIFFERENT: $name.$ext"; status=1
      fi
    done
    [ $status -ne 0 ] || echo "identical: $name"
  done
  exit $status
  ;;
*)
  sed -n '2,12p' "$0"; exit 2 ;;
esac
