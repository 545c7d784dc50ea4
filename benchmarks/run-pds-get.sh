#!/usr/bin/env bash
# Runs PdsGetBenchmark from one benchmark jar at 1 and 16 threads, in average time (with -prof gc)
# and in throughput, and writes JMH's JSON results next to the console log.
#
#   benchmarks/run-pds-get.sh JAR LABEL [more JMH options]
#   benchmarks/run-pds-get.sh /work/bench-before.jar before
#   benchmarks/run-pds-get.sh benchmarks/target/benchmarks.jar after -f 1 -wi 2 -i 3 -w 2s -r 3s
#
# Results go to pds-get-results/LABEL-{t1,t16}-{avgt,thrpt}.{json,txt} in the current directory.
set -euo pipefail
jar=$1
label=$2
shift 2
out=pds-get-results
mkdir -p "$out"
for t in 1 16; do
    java -jar "$jar" PdsGetBenchmark -t "$t" -bm avgt -tu us -prof gc "$@" \
        -rf json -rff "$out/$label-t$t-avgt.json" | tee "$out/$label-t$t-avgt.txt"
    java -jar "$jar" PdsGetBenchmark -t "$t" -bm thrpt -tu s "$@" \
        -rf json -rff "$out/$label-t$t-thrpt.json" | tee "$out/$label-t$t-thrpt.txt"
done
