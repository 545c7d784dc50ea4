#!/usr/bin/env bash
# Cold start: starts the sandbox once in its own JVM (ColdStart serve), then runs N fresh client
# JVMs (ColdStart run), each building every client and making one call with each, and reports
# each phase's median and range in ms (and the classes the phase loaded, median).
#
#   benchmarks/run-cold-start.sh JAR [N] [JAVA] [extra JVM options for the client JVMs]
#   benchmarks/run-cold-start.sh benchmarks/target/benchmarks.jar 10
#   benchmarks/run-cold-start.sh benchmarks/target/benchmarks.jar 10 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#
# Each client JVM's line goes to cold-start-results/LABEL.txt (LABEL: the JAVA's version, or
# $LABEL when set) in the current directory; the summary is printed.
set -euo pipefail
jar=$1
n=${2:-10}
java=${3:-java}
shift $(( $# < 3 ? $# : 3 ))
label=${LABEL:-$("$java" -version 2>&1 | head -1 | tr -dc 'A-Za-z0-9._-' | cut -c1-40)}
out=cold-start-results
mkdir -p "$out"
settings=$(mktemp -u "${TMPDIR:-/tmp}/cold-start-XXXXXX.properties")
java -cp "$jar" uk.nhs.sdk.benchmarks.ColdStart serve "$settings" > "$out/$label-sandbox.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$settings"' EXIT
for _ in $(seq 1 300); do
    [ -s "$settings" ] && break
    sleep 0.1
done
[ -s "$settings" ] || { echo "the sandbox did not start; see $out/$label-sandbox.log" >&2; exit 1; }
: > "$out/$label.txt"
for i in $(seq 1 "$n"); do
    "$java" "$@" -cp "$jar" uk.nhs.sdk.benchmarks.ColdStart run "$settings" 2>>"$out/$label-client.err" \
        | tee -a "$out/$label.txt"
done
echo "$label, $n runs, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
{ for (i = 1; i <= NF; i++) { split($i, kv, "="); split(kv[2], v, "/"); k = kv[1];
      if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
      ms[k, ++cnt[k]] = v[1]; cl[k, cnt[k]] = v[2] } }
function median(arr, key, c,    i, j, t, a) {
    for (i = 1; i <= c; i++) a[i] = arr[key, i] + 0
    for (i = 2; i <= c; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    lo = a[1]; hi = a[c]
    return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}
END {
    printf "%-8s %10s %14s %12s\n", "phase", "median ms", "range ms", "classes"
    for (o = 1; o <= nk; o++) { k = order[o]; c = cnt[k]
        m = median(ms, k, c); l = lo; h = hi; mc = median(cl, k, c)
        printf "%-8s %10s %14s %12s\n", k, m, l "-" h, mc }
}' "$out/$label.txt"
