#!/usr/bin/env bash
# Start-up time of the flux command: median wall time of repeated runs of `flux version` and
# `flux hostlist`, with and without the AppCDS archive made at package time. Runs alternate
# between the two settings so that both see the same machine load. Prints a Markdown table.
#   bench/startup.sh [RUNS]     (build first: ./mvnw -DskipTests package)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
flux=$top/bin/flux
runs=${1:-21}

[ -f "$top/bundles/cmd/target/flux.jsa" ] || { echo "startup.sh: no AppCDS archive; build first" >&2; exit 1; }

elapsed_ms() {  # run once, print wall milliseconds with two decimals
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.2f\n", ns / 1e6 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A samples
commands=("version" "hostlist --expand node[01-03,7]")
for ((i = 0; i < runs; i++)); do
    for c in "${commands[@]}"; do
        # shellcheck disable=SC2086
        samples["$c|cds"]+="$(elapsed_ms "$flux" $c) "
        # shellcheck disable=SC2086
        samples["$c|nocds"]+="$(FLUX_NO_CDS=1 elapsed_ms "$flux" $c) "
    done
done

echo "| command | with AppCDS (ms) | without (ms) | ratio |"
echo "| --- | --- | --- | --- |"
for c in "${commands[@]}"; do
    with=$(tr ' ' '\n' <<<"${samples["$c|cds"]}" | grep . | median)
    without=$(tr ' ' '\n' <<<"${samples["$c|nocds"]}" | grep . | median)
    ratio=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')
    echo "| \`flux $c\` | $with | $without | $ratio |"
done
echo
echo "median of $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"
