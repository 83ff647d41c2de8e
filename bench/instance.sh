#!/usr/bin/env bash
# Multi-broker instance figures, as docs/performance.md reports them:
#  1. start-to-exit of `flux start --test-size=N true` for N = 1, 4, 16 (median of RUNS);
#  2. `flux ping` round trips, in a 16-broker instance with tbon.fanout=2, to rank 0 (local) and to
#     rank 15, the deepest rank (3 overlay hops each way): the median of the pings after the first 10;
#  3. messages per second through the overlay: `flux ping --batch` of COUNT requests to rank 15
#     (each a request and a response crossing 3 hops), minus a 1-request run for the JVM start.
#   bench/instance.sh [RUNS] [COUNT]     (build first: ./mvnw -DskipTests package)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flux=$top/bin/flux
runs=${1:-5}
count=${2:-2000}
unset FLUX_URI

elapsed_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| figure | fluxj |"
echo "| --- | --- |"
for n in 1 4 16; do
    s=""
    for ((i = 0; i < runs; i++)); do
        s+="$(elapsed_ms "$flux" start --test-size=$n true) "
    done
    echo "| \`flux start --test-size=$n true\` (median of $runs) | $(tr ' ' '\n' <<<"$s" | grep . | median) ms |"
done

# Inside one instance: ping latencies and throughput.
inner=$(mktemp)
cat >"$inner" <<INNER
set -e
ping_ms() { flux ping --count=40 --interval=0.01 "\$1" | awk -F'time=' 'NR > 11 { split(\$2, a, " "); print a[1] }' | sort -n | awk '{ v[NR] = \$1 } END { print v[int((NR + 1) / 2)] }'; }
echo "| \\\`flux ping 0\\\` round trip, median (rank 0, local) | \$(ping_ms 0) ms |"
echo "| \\\`flux ping 15\\\` round trip, median (deepest rank, 3 hops each way) | \$(ping_ms 15) ms |"
t1s=\$(date +%s%N); flux ping --batch --count=1 --interval=0 15 >/dev/null; t1e=\$(date +%s%N)
tns=\$(date +%s%N); flux ping --batch --count=$count --interval=0 15 >/dev/null; tne=\$(date +%s%N)
awk -v n=$count -v a=\$((t1e - t1s)) -v b=\$((tne - tns)) 'BEGIN { s = (b - a) / 1e9; printf "| overlay throughput: %d pings to rank 15 | %.0f round trips/s (%.0f messages/s over 3 hops) |\n", n, (n - 1) / s, 2 * (n - 1) / s }'
INNER
"$flux" start --test-size=16 -o,-Stbon.fanout=2 sh "$inner"
rm -f "$inner"
