#!/usr/bin/env bash
# Prints each value below hex-encoded, one per line (the literal round trip).
set -euo pipefail
values=(
  LITERAL
)
for v in "${values[@]}"; do
  printf '%s' "$v" | od -An -v -tx1 | tr -d ' \n'
  echo
done
