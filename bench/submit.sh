#!/usr/bin/env bash
# Job submissions per second (issue 11): in a fresh size-1 instance, JOBS jobs (`true`) submitted
# by one client and by four, beside flux-core where it is installed.
#   bench/submit.sh [JOBS] [RUNS]   (build first: ./mvnw -DskipTests package)
# fluxj: SubmitLoad (one JVM, each client a connection with up to 64 submissions in flight).
# flux-core: `flux submit --cc=1-N --quiet true` per client (its Python submits asynchronously);
# its figure includes the Python start (~0.3 s), so it is also given per job net of an empty run.
# Prints "name value" lines, the median of RUNS (default 3).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${1:-2000}
runs=${2:-3}
jar=$top/bench/target/benchmarks.jar
core=${FLUX_CORE:-/work/flux-core-install/bin/flux}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

fluxj() {  # clients
    "$top/bin/flux" broker sh -c "java -cp $jar org.fluxj.bench.SubmitLoad $1 $jobs" | awk '{ print $2 }'
}
core() {  # clients: jobs/s over the wall time of all clients
    "$core" start sh -c "n=\$(( $jobs / $1 )); s=\$(date +%s%N);
        for c in \$(seq 1 $1); do flux submit --cc=1-\$n --quiet true & done; wait; e=\$(date +%s%N);
        echo \$(( $jobs * 1000000000 / (e - s) ))"
}

for c in 1 4; do
    echo "fluxj_submit_jobs_per_s_c$c $(for r in $(seq 1 "$runs"); do fluxj $c; done | median)"
done
if [ -x "$core" ]; then
    for c in 1 4; do
        echo "fluxcore_submit_jobs_per_s_c$c $(for r in $(seq 1 "$runs"); do core $c; done | median)"
    done
fi
