#!/usr/bin/env bash
# Fuzzes posetta's readers with Jazzer, each for a set time.
#
#   scripts/fuzz.sh [SECONDS_PER_READER] [Class#method ...]
#
# Without targets it fuzzes every @FuzzTest of ReaderFuzzTest, DataFuzzTest and LabelsFuzzTest in turn (default
# 300 s each). Inputs that raise anything but a PosettaException, hang for 30 s or run the 1 GiB
# heap out are written next to the seeds (src/test/resources/.../<Class>Inputs/<method>/), where
# `mvn verify` replays them; the growing corpus stays in target/fuzz/. Logs: target/fuzz/*.log,
# one summary line per reader in target/fuzz/summary.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for class in org.posetta.io.ReaderFuzzTest org.posetta.data.DataFuzzTest org.posetta.adapt.semantic.LabelsFuzzTest; do
    src=src/test/java/${class//.//}.java
    for m in $(grep -A1 '@FuzzTest' "$src" | sed -n 's/^ *void \([A-Za-z0-9]*\)(.*/\1/p'); do
      targets+=("$class#$m")
    done
  done
fi
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt
mkdir -p target/fuzz
cp="target/fuzz/test-classes:target/fuzz/classes:$(cat target/fuzz-classpath.txt)"
findings='^(crash|timeout|oom|slow-unit|leak)-'
for t in "${targets[@]}"; do
  class=${t%#*}
  method=${t#*#}
  seeds=src/test/resources/${class//.//}Inputs/$method
  corpus=target/fuzz/$method
  mkdir -p "$seeds" "$corpus"
  # seeds join the corpus; past findings stay out of it (mvn verify replays them)
  for f in "$seeds"/*; do
    if [ -f "$f" ] && ! basename "$f" | grep -q -E "$findings"; then cp "$f" "$corpus/"; fi
  done
  # fuzz a snapshot of the classes, so that rebuilding meanwhile does not disturb the run
  rm -rf target/fuzz/classes target/fuzz/test-classes
  cp -r target/classes target/test-classes target/fuzz/
  log=target/fuzz/$method.log
  before=$(ls "$seeds" | grep -c -E "$findings" || true)
  echo "fuzzing $t for $seconds s (log $log)"
  java -Xmx1g -Dai.djl.offline=true -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --target_method="$method" \
    --instrumentation_includes='org.posetta.**:net.razorvine.**' --keep_going=1000 \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -artifact_prefix="$seeds/" \
    "$corpus" > "$log" 2>&1 || true
  after=$(ls "$seeds" | grep -c -E "$findings" || true)
  runs=$( (grep -o 'Done [0-9]* runs in [0-9]* second' "$log" || true) | tail -1 | awk '{print $2 "\t" $5}')
  [ -n "$runs" ] || runs=$( (grep -o '^#[0-9]*' "$log" || true) | tail -1 | tr -d '#')$'\t'"stopped early"
  printf '%s\t%s\t%s\n' "$t" "$runs" "$((after - before))" | tee -a target/fuzz/summary.tsv
done
