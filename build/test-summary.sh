#!/usr/bin/env bash
# Sums the counters of every TRX file under a directory and prints the closing line
#   Tests: N passed, N failed[, N skipped]
# Exits 1 when any test failed (or errored, timed out, aborted) or when no result was found.
set -euo pipefail
dir=${1:-TestResults}
shopt -s nullglob globstar
files=("$dir"/**/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "test-summary: no TRX results under $dir" >&2
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi
attr() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
passed=0 failed=0 skipped=0
for f in "${files[@]}"; do
  passed=$((passed + $(attr "$f" passed)))
  failed=$((failed + $(attr "$f" failed) + $(attr "$f" error) + $(attr "$f" timeout) + $(attr "$f" aborted)))
  skipped=$((skipped + $(attr "$f" notExecuted)))
done
line="Tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
