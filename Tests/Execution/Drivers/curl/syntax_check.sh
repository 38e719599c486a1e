#!/usr/bin/env bash
# Parses every file named on the command line with `bash -n`, then runs shellcheck over them
# all in one process; prints the failures and exits 1 if there are any.
set -uo pipefail
bad=0
for file in "$@"; do
  bash -n "$file" || bad=1
done
if ! command -v shellcheck >/dev/null; then
  echo "shellcheck is missing: apt-get install -y shellcheck (scripts/install-deps --tests)"
  exit 1
fi
# Every optional check too, none left out.
shellcheck --shell=bash --severity=style --enable=all --format=gcc "$@" || bad=1
exit "$bad"
