#!/usr/bin/env bash
# The `nhs` CLI's peak RSS, CPU time and wall time for a MESH send and receive of SIZE_MIB, each
# command its own process, against `nhs sandbox` running in another process.
#
#   benchmarks/mesh-cli-rss.sh NHS_JAR SIZE_MIB [--compress] [-- JAVA_OPTIONS...]
#   benchmarks/mesh-cli-rss.sh examples/target/nhs.jar 1024
#   benchmarks/mesh-cli-rss.sh examples/target/nhs.jar 1024 --compress -- -XX:+UseSerialGC -Xmx64m
#
# Peak RSS is VmHWM from /proc/PID/status, read every 50 ms while the command runs (it only grows,
# so the last reading is the peak up to the last 50 ms). CPU is the command's user + system time
# (utime + stime from /proc/PID/stat, read in the same loop, so up to its last 50 ms). The
# sandbox's own CPU is not counted.
set -euo pipefail
jar=$1
size=$2
shift 2
compress=()
if [[ ${1:-} == --compress ]]; then
    compress=(--compress)
    shift
fi
if [[ ${1:-} == -- ]]; then
    shift
fi
java_opts=("$@")
work=$(mktemp -d)
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar "$jar" sandbox > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
url=
for _ in $(seq 1 600); do
    url=$(sed -n 's/^NHS sandbox running at \([^ ]*\).*/\1/p' "$work/sandbox.log" | head -1)
    [[ -n $url ]] && break
    sleep 0.1
done
[[ -n $url ]] || { echo "the sandbox did not start" >&2; cat "$work/sandbox.log" >&2; exit 1; }
head -c $((size << 20)) /dev/urandom > "$work/message.bin"
ticks=$(getconf CLK_TCK)

measure() { # label, then the nhs arguments
    local label=$1
    shift
    local start end hwm=0 cpu=0 pid key value rest stat
    start=$(date +%s.%N)
    java "${java_opts[@]}" -jar "$jar" "$@" > "$work/$label.out" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        # builtins only: the loop itself must not cost CPU worth measuring
        while read -r key value rest; do
            [[ $key == VmHWM: ]] && hwm=$value
        done < "/proc/$pid/status" 2>/dev/null || true
        if read -r stat < "/proc/$pid/stat" 2>/dev/null; then
            stat=${stat##*) }
            read -r -a f <<< "$stat"
            cpu=$(( f[11] + f[12] ))
        fi
        read -r -t 0.05 <> <(:) || true
    done
    wait "$pid" || { echo "$label failed:" >&2; cat "$work/$label.out" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v l="$label" -v s="$size" -v h="$hwm" -v c="$cpu" -v t="$ticks" -v t0="$start" -v t1="$end" \
        'BEGIN { w = t1 - t0; printf "%s: %d MiB, wall %.2f s (%.0f MB/s), CPU %.2f s (%.2f s/GiB), peak RSS %.0f MiB\n",
            l, s, w, s * 1048576 / w / 1e6, c / t, c / t * 1024 / s, h / 1024 }'
}
creds=(--base-url "$url" --password password --shared-key TestKey)
echo "java options: ${java_opts[*]:-(none)}; $(nproc) cores; $(uptime)"
measure send mesh send "$work/message.bin" --to X26ABC2 --workflow-id TEST_WORKFLOW --mailbox X26ABC1 \
    "${compress[@]}" --output json "${creds[@]}"
id=$(sed -n 's/.*"messageId" *: *"\([^"]*\)".*/\1/p' "$work/send.out")
measure receive mesh receive "$id" --out "$work/received.bin" --mailbox X26ABC2 "${creds[@]}"
cmp -s "$work/message.bin" "$work/received.bin" || { echo "the received content differs" >&2; exit 1; }
