#!/usr/bin/env bash
# Prints one plain line, "tests: N passed, N failed, N skipped", summed over every result file
# that `make test` produced: xUnit TRX files, ctest's JUnit XML and cargo's text output.
# Before it, one line per failed test names the test and its result file, so that the end of a
# long log says what failed.
# Usage: test-summary.sh RESULTS_DIR
set -euo pipefail

results_dir=${1:?usage: test-summary.sh RESULTS_DIR}
passed=0 failed=0 skipped=0
failures=()

attr() { # attr NAME LINE -> the value of NAME="..." in LINE, or 0
  local v
  v=$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | head -n 1)
  echo "${v:-0}"
}

shopt -s nullglob globstar
for trx in "$results_dir"/**/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  [ -n "$counters" ] || continue
  passed=$((passed + $(attr passed "$counters")))
  failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
  # A skipped xUnit test is counted in total but not in executed (TRX's notExecuted stays 0 for it).
  not_run=$(( $(attr total "$counters") - $(attr executed "$counters") ))
  [ "$not_run" -ge "$(attr notExecuted "$counters")" ] || not_run=$(attr notExecuted "$counters")
  skipped=$((skipped + not_run))
  while read -r name; do
    failures+=("failed: $name (${trx#"$results_dir"/})")
  done < <(grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
             | sed -n 's/.* testName="\([^"]*\)".*/\1/p' || true)
done

for junit in "$results_dir"/**/ctest-*.xml; do
  suite=$(grep -o '<testsuite [^>]*>' "$junit" | head -n 1 || true)
  [ -n "$suite" ] || continue
  total=$(attr tests "$suite"); fails=$(attr failures "$suite"); skips=$(( $(attr skipped "$suite") + $(attr disabled "$suite") ))
  passed=$((passed + total - fails - skips)); failed=$((failed + fails)); skipped=$((skipped + skips))
  while read -r name; do
    failures+=("failed: $name (${junit#"$results_dir"/})")
  done < <(grep -o '<testcase [^>]*status="fail"[^>]*>' "$junit" | sed -n 's/.* name="\([^"]*\)".*/\1/p' || true)
done

for cargo in "$results_dir"/**/cargo-*.txt; do
  while read -r p f i; do
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + i))
  done < <(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed; \([0-9]*\) ignored.*/\1 \2 \3/p' "$cargo")
  while read -r name; do
    failures+=("failed: $name (${cargo#"$results_dir"/})")
  done < <(sed -n 's/^test \(.*\) \.\.\. FAILED$/\1/p' "$cargo")
done

for line in "${failures[@]}"; do echo "$line"; done

echo "tests: $passed passed, $failed failed, $skipped skipped"
